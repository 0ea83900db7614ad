"""PostgreSQL restarted under load: a branded 503 page while it is down, then recovery on its own.

gunicorn serves the site from a PostgreSQL server of the test's own (tests/veridact/
postgres_server.py), which the test stops for two seconds and starts again while readers,
signed in and not, keep asking for pages. Nothing is restarted but PostgreSQL.
"""

import concurrent.futures
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from django.conf import settings

from tests.newsletter.workers import ROOT, start_web
from tests.veridact.postgres_server import ThrowawayPostgres, server_bin

# Runs with the real-stack suite, where PostgreSQL's server binaries are installed.
pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

# An article and a signed-in reader in the new database; prints what the load needs.
SEED = """
import json
from django.test import Client
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
article = ArticleFactory(title="Grid storage doubles by 2030")
client = Client()
client.force_login(ReaderFactory())
session = client.cookies["sessionid"].value
print(json.dumps({"article": article.get_absolute_url(), "session": session}))
"""


@pytest.fixture
def postgres_server():
    bin_dir = server_bin()
    if bin_dir is None:
        pytest.fail(
            "PostgreSQL's server binaries are missing from /usr/lib/postgresql/*/bin "
            "(apt-get install -y postgresql)",
            pytrace=False,
        )
    server = ThrowawayPostgres(bin_dir)
    server.start()
    server.createdb("veridact")
    yield server
    server.remove()


@pytest.fixture
def site(postgres_server, collected_static, tmp_path):
    """gunicorn with two workers on the throwaway server, an article and a reader's session.

    The page cache is in Redis, as in production (a process's own memory would soon drop the
    article's page to make room for the searches).
    """
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VERIDACT_REQUIRE_SERVICES", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environ.update(
        DATABASE_URL=postgres_server.url("veridact"),
        REDIS_URL=settings.REDIS_URL,
        SECRET_KEY=secrets.token_urlsafe(40),
        DEBUG="false",
        ALLOW_INSECURE_SITE_URL="true",
        PYTHONUNBUFFERED="1",
    )
    for code in (None, SEED):
        command = ["manage.py", "migrate", "--noinput"] if code is None else ["manage.py", "shell"]
        done = subprocess.run(
            [sys.executable, *command],
            input=code,
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
    seeded = json.loads(done.stdout.strip().splitlines()[-1])
    web = start_web(environ, tmp_path / "gunicorn.log", workers=2)
    base = web.url
    # gunicorn's workers load the site on their first request: load both, and put the pages
    # anonymous readers ask for in the page cache.
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        assert {a.status for a in pool.map(fetch, [base] * 4, ["/favicon.ico"] * 4)} == {200}
    for path in ["/", seeded["article"]]:
        assert fetch(base, path).status == 200
    yield {"base": base, "web": web, **seeded}
    web.stop()


@dataclass
class Answer:
    started: float
    path: str
    signed_in: bool
    status: int
    body: str
    retry_after: str | None


def fetch(base, path, session=None):
    request = urllib.request.Request(base + path)  # noqa: S310 (a local URL)
    if session:
        request.add_header("Cookie", f"sessionid={session}")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (local URL)
            status, body, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read(), error.headers
    return Answer(
        started, path, bool(session), status, body.decode(errors="replace"), headers["Retry-After"]
    )


class Readers:
    """Threads that ask for pages, signed in and not, until told to stop."""

    def __init__(self, site):
        self.site = site
        self.answers: list[Answer] = []
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._read, args=(session,), daemon=True)
            for session in (None, None, site["session"], site["session"])
        ]

    def _read(self, session):
        paths = ["/", self.site["article"], "/healthz", "/readyz"]
        while not self._stop.is_set():
            # A new search each time: never in any cache, always a query.
            for path in [*paths, f"/search/?q=grid+{secrets.token_hex(4)}"]:
                self.answers.append(fetch(self.site["base"], path, session))
            time.sleep(0.02)

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def test_a_postgres_restart_shows_the_503_page_and_the_site_recovers_by_itself(
    postgres_server, site
):
    workers_booted = site["web"].output().count("Booting worker")
    with Readers(site) as readers:
        time.sleep(1.5)
        postgres_server.stop()
        stopped = time.monotonic()
        time.sleep(2)
        postgres_server.start()
        started = time.monotonic()
        time.sleep(4)
    answers = readers.answers

    errors = [(a.path, a.status, a.body[:300]) for a in answers if a.status not in {200, 503}]
    assert not errors
    probes = {"/healthz", "/readyz"}
    pages_down = [a for a in answers if a.status == 503 and a.path not in probes]
    # While it was down, pages that need the database said so, signed in or not.
    assert {(a.signed_in, a.path.split("?")[0]) for a in pages_down} >= {
        (False, "/search/"),
        (True, "/"),
        (True, site["article"]),
        (True, "/search/"),
    }
    for answer in pages_down:
        assert "Back in a moment" in answer.body
        assert "Veridact" in answer.body
        assert answer.retry_after == "30"
    # Both probes said so, naming the database: a balancer or Varnish takes the host out.
    probes_down = [a for a in answers if a.path in probes and a.status == 503]
    assert {a.path for a in probes_down} == probes
    assert all(json.loads(a.body)["down"] == ["database"] for a in probes_down)
    # Pages already in the page cache went on being served to anonymous readers.
    assert any(
        a.status == 200 and not a.signed_in and a.path == site["article"]
        for a in answers
        if stopped < a.started < started
    )
    # Back up: every request sent a second after the start is answered in full, by the same
    # gunicorn workers, none restarted.
    after = [a for a in answers if a.started > started + 1]
    assert len(after) > 20
    assert [(a.path, a.status) for a in after if a.status != 200] == []
    assert site["web"].process.poll() is None
    assert site["web"].output().count("Booting worker") == workers_booted
