"""How long a correction takes to reach a reader through Varnish, which nothing purges.

gunicorn serves the demo site on PostgreSQL and Redis with production settings (public
pages: `s-maxage` and `stale-while-revalidate` of PUBLIC_PAGE_MAX_AGE, 30 s); Debian's
varnishd runs deploy/varnish/default.vcl in front of it. Readers load an article through
Varnish every quarter of a second, as on a page people are reading. At a random moment an
editor changes the article's headline in the admin, through Varnish too; the delay is the
time from the admin's answer to the first reader's page with the new headline. The random
moment samples the age of Varnish's copy evenly, so the runs spread over the lifetime.
"""

import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import common  # noqa: E402 (after the path is set)

DATABASE = "veridact_bench_cdn"
RUNS = int(os.environ.get("BENCH_CDN_RUNS", "7"))
READ_EVERY = 0.25
MAX_AGE = 30  # veridact.settings.PUBLIC_PAGE_MAX_AGE's default


class Readers(threading.Thread):
    """Load the page through Varnish every READ_EVERY seconds; note when `text` first shows."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = url
        self.session = requests.Session()
        self.waiting_for = None
        self.seen_at = None
        self.served = {"HIT": 0, "MISS": 0, "PASS": 0}
        self.errors = 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            try:
                response = self.session.get(self.url, timeout=10)
            except requests.RequestException:
                self.errors += 1
            else:
                self.errors += response.status_code != 200
                self.served[response.headers.get("X-Cache", "PASS")] += 1
                if self.waiting_for and self.seen_at is None and self.waiting_for in response.text:
                    self.seen_at = time.monotonic()
            time.sleep(READ_EVERY)

    def wait_for(self, text):
        self.seen_at = None
        self.waiting_for = text


def correct(varnish_url, change_path, cookies, token, headline):
    """Open the article's change form in the admin, replace the headline, save."""
    session = requests.Session()
    session.cookies.update(cookies)
    form = session.get(f"{varnish_url}{change_path}", timeout=10)
    form.raise_for_status()
    fields = [
        (name, headline if name == "headline" else value)
        for name, value in common.form_fields(form.text)
        if name != "csrfmiddlewaretoken"
    ]
    fields.append(("csrfmiddlewaretoken", token))
    saved = session.post(
        f"{varnish_url}{change_path}", data=fields, allow_redirects=False, timeout=30
    )
    if saved.status_code != 302:
        raise RuntimeError(f"the admin refused the correction ({saved.status_code})")
    return time.monotonic()


def main():
    environ = common.environment(DATABASE)
    common.prepare(environ, DATABASE)
    article, change = common.shell(
        environ,
        "from articles.models import Article; from django.urls import reverse; "
        "a = Article.objects.published().select_related('category').first(); "
        "print(a.get_absolute_url(), reverse('admin:articles_article_change', args=[a.pk]))",
    ).split()
    cookies, token = common.signed_in_cookies(environ, "editor@example.com", staff=True)
    web = common.gunicorn(environ)
    folder = Path(tempfile.mkdtemp(prefix="veridact-bench-cdn-"))
    cache = common.varnish(int(web.url.rsplit(":", 1)[1]), folder)
    readers = Readers(f"{cache.url}{article}")
    # The baseline: readers of the same page straight from gunicorn, with no CDN between.
    direct = Readers(f"{web.url}{article}")
    delays, direct_delays = [], []
    try:
        readers.start()
        direct.start()
        for number in range(1, RUNS + 1):
            time.sleep(random.uniform(0, MAX_AGE))  # noqa: S311 (a moment, not a secret)
            headline = f"Corrected headline number {number} ({time.time():.0f})."
            corrected = correct(cache.url, change, cookies, token, headline)
            readers.wait_for(headline)
            direct.wait_for(headline)
            while readers.seen_at is None or direct.seen_at is None:
                if time.monotonic() - corrected > 3 * MAX_AGE:
                    raise RuntimeError(f"run {number}: no reader saw the correction")
                time.sleep(0.05)
            delays.append(readers.seen_at - corrected)
            direct_delays.append(direct.seen_at - corrected)
            common.log(f"run {number}: a reader saw the correction {delays[-1]:.1f} s later")
    finally:
        for thread in (readers, direct):
            thread.stopping.set()
            thread.join(timeout=15)
        cache.stop()
        web.stop()

    served = readers.served
    total = sum(served.values())
    bound = MAX_AGE + READ_EVERY + 1
    print(
        "\n".join(
            [
                "## A correction through a CDN (`bench/cdn.py`)",
                "",
                "gunicorn with the demo content on PostgreSQL and Redis, production settings "
                f"(`PUBLIC_PAGE_MAX_AGE` {MAX_AGE} s: `max-age` and `s-maxage` {MAX_AGE}, "
                f"`stale-while-revalidate` {MAX_AGE}); Debian's varnishd with "
                "`deploy/varnish/default.vcl` in front. Readers load one article through "
                f"Varnish every {READ_EVERY} s; {RUNS} times, at a random moment, an editor "
                "changes its headline in the admin through Varnish. Delay: from the admin's "
                "answer to the first reader's page with the new headline. Nothing purges "
                "Varnish. The baseline: readers of the same page straight from gunicorn at "
                "the same time, whose page cache the save invalidates.",
                "",
                "| Measure | Result |",
                "|---|---|",
                f"| Delay, median of {RUNS} (range) | **{statistics.median(delays):.1f} s** "
                f"({min(delays):.1f}–{max(delays):.1f} s) |",
                "| Each run | " + ", ".join(f"{delay:.1f}" for delay in delays) + " s |",
                f"| Baseline, straight from gunicorn: median (range) | "
                f"{statistics.median(direct_delays):.1f} s ({min(direct_delays):.1f}–"
                f"{max(direct_delays):.1f} s) |",
                f"| Bound: the page's lifetime ({MAX_AGE} s) and one reader's interval | "
                f"{bound:.1f} s: {'met' if max(delays) <= bound else '**not met**'} |",
                f"| Reader requests served by Varnish (HIT) | {served['HIT']:,} of {total:,} "
                f"({served['HIT'] / total:.1%}) |",
                f"| Reader errors | {readers.errors} |",
            ]
        )
    )


if __name__ == "__main__":
    main()
