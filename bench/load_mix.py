"""The locust users bench/load.py runs: readers over a realistic mix of pages, 1 % writes.

Each user is one connection that sends its next request as soon as the last one answered
(as wrk does), from an address of its own (X-Forwarded-For; the site trusts one proxy).
Reads are anonymous; each write is made by the next reader of a pool of signed-in readers,
so no reader meets a rate limit. Every write the site confirmed is written down, with the
time of every 5xx or failed connection, in the file LOAD_RESULTS names, for bench/load.py
to check against the database afterwards.

Configuration (LOAD_CONFIG, a JSON file): the paths to read, the open predictions, the
articles open for comments, and the readers' cookies.
"""

import itertools
import json
import os
import random
import threading
import uuid

from locust import FastHttpUser, constant, events, task

CONFIG = json.loads(open(os.environ["LOAD_CONFIG"]).read())  # noqa: SIM115 (read once)
RUN = uuid.uuid4().hex[:8]
# Each run of bench/load.py starts at its own place in the pool: no reader writes twice.
_writers = itertools.count(int(os.environ.get("LOAD_WRITER_OFFSET", "0")))
_lock = threading.Lock()
written = {"comments": [], "forecasts": [], "subscribers": []}
troubles = []  # (time, page, status or error) for each 5xx or failed connection


def next_writer():
    with _lock:
        number = next(_writers)
    return CONFIG["writers"][number % len(CONFIG["writers"])]


@events.request.add_listener
def note_trouble(name, response, exception, start_time, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500 or (exception and status == 0):
        troubles.append((start_time, name, status or type(exception).__name__))


@events.quitting.add_listener
def write_results(environment, **kwargs):
    with open(os.environ["LOAD_RESULTS"], "w") as results:
        json.dump({"written": written, "troubles": troubles}, results)


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.address = f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"  # noqa: S311

    def read(self, path, name):
        headers = {"X-Forwarded-For": self.address}
        with self.client.get(path, name=name, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    def write(self, path, name, data, expected, cookies=None, address=None):
        """POST a form as its reader's browser would; return whether the site confirmed it."""
        headers = {"X-Forwarded-For": address or self.address}
        token = cookies["csrftoken"] if cookies else uuid.uuid4().hex
        cookies = {**(cookies or {}), "csrftoken": token}
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
        data = {**data, "csrfmiddlewaretoken": token}
        with self.client.post(
            path,
            name=name,
            data=data,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            ok = response.status_code == expected
            if not ok:
                response.failure(f"{response.status_code}")
        self.client.cookiejar.clear()  # the flash message's cookie: this reader reads anonymously
        return ok

    @task(45)
    def home(self):
        self.read("/", "home")

    @task(45)
    def category(self):
        self.read(random.choice(CONFIG["categories"]), "category")  # noqa: S311

    @task(105)
    def article(self):
        self.read(random.choice(CONFIG["articles"]), "article")  # noqa: S311

    @task(18)
    def search(self):
        self.read(f"/search/?q={random.choice(CONFIG['searches'])}", "search")  # noqa: S311

    @task(24)
    def predictions(self):
        self.read("/predictions/", "predictions")

    @task(24)
    def prediction(self):
        self.read(random.choice(CONFIG["predictions"]), "prediction")  # noqa: S311

    @task(12)
    def track_record(self):
        self.read("/predictions/track-record/", "track record")

    @task(24)
    def feed(self):
        self.read(random.choice(CONFIG["feeds"]), "feed")  # noqa: S311

    # Writes: 3 of 300, 1 %.

    @task(1)
    def comment(self):
        writer = next_writer()
        article_id = random.choice(CONFIG["commentable"])  # noqa: S311
        body = f"Load run {RUN}, comment {uuid.uuid4().hex}."
        path = f"/accounts/comments/{article_id}/"
        if self.write(path, "write: comment", {"body": body}, 302, writer["cookies"]):
            written["comments"].append(body)

    @task(1)
    def forecast(self):
        writer = next_writer()
        slug = random.choice(CONFIG["open_predictions"])  # noqa: S311
        probability = random.randint(1, 99)  # noqa: S311
        path = f"/predictions/{slug}/forecast/"
        data = {"probability": str(probability)}
        if self.write(path, "write: forecast", data, 302, writer["cookies"]):
            written["forecasts"].append([writer["email"], slug, probability])

    @task(1)
    def subscribe(self):
        email = f"load-{RUN}-{uuid.uuid4().hex[:12]}@example.com"
        # Each from a visitor of its own: the limit per address is 10 an hour.
        address = f"198.19.{random.randrange(256)}.{random.randrange(1, 255)}"  # noqa: S311
        data = {"email": email}
        if self.write("/newsletter/subscribe/", "write: subscribe", data, 303, address=address):
            written["subscribers"].append(email)


class BareView(FastHttpUser):
    """The baseline: the least a Django view can do, on the same gunicorn (bench/urls.py)."""

    wait_time = constant(0)

    @task
    def bare(self):
        self.client.get("/bench/bare/", name="bare view")
