"""Fixtures shared by the whole suite, and the rules for tests that need real services.

Tests marked `postgres`, `redis`, `celery`, `browser`, `s3` or `varnish` run whenever their
service is configured (DATABASE_URL, REDIS_URL) or installed (Chromium, varnishd, moto's S3
server, which the `s3` tests start as a separate process on a free port). Otherwise they are
left out of the run, and the summary says which and why, except when VERIDACT_REQUIRE_SERVICES=1
(set by .ci/run for its real-stack pass): then a missing service fails those tests.
"""

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import hypothesis
import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches

from pagecache.local import forget_local_pages
from veridact.celery import app as celery_app

REQUIRE_SERVICES = os.environ.get("VERIDACT_REQUIRE_SERVICES") == "1"
# Hypothesis: its default 100 examples a test for `make test`, which the fuzz tests spread over
# their targets (tests/security/test_fuzz.py: two posts to each form, two queries to each page);
# .ci/run sets VERIDACT_HYPOTHESIS=ci on the real stack, ten times as many: some 2,500 hostile
# requests in all.
hypothesis.settings.register_profile("dev", max_examples=100)
hypothesis.settings.register_profile("ci", max_examples=1000, print_blob=True)
hypothesis.settings.load_profile(os.environ.get("VERIDACT_HYPOTHESIS", "dev"))
# Processes the suite starts (manage.py, workers) read no developer's .env, which manage.py
# would otherwise name (veridact.settings, ENV_FILE); `make test` leaves it out of the suite's own.
os.environ["ENV_FILE"] = ""
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")
SBIN_PATH = f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin"
_LEFT_OUT = pytest.StashKey[dict]()


def _on_postgres():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _missing_services(item):
    """Name what the test needs that this run does not have."""
    missing = []
    needs_postgres = item.get_closest_marker("postgres") or item.get_closest_marker("celery")
    needs_redis = item.get_closest_marker("redis") or item.get_closest_marker("celery")
    if needs_postgres and not _on_postgres():
        missing.append("PostgreSQL (set DATABASE_URL=postgres://…)")
    if needs_redis and not settings.REDIS_URL:
        missing.append("Redis (set REDIS_URL=redis://…)")
    if item.get_closest_marker("browser") and not os.path.exists(CHROMIUM):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install -y chromium)")
    if item.get_closest_marker("s3") and not MOTO_SERVER.exists():
        missing.append(f"moto's S3 server at {MOTO_SERVER} (pip install 'moto[server]')")
    if item.get_closest_marker("varnish") and not shutil.which("varnishd", path=SBIN_PATH):
        missing.append("varnishd (apt-get install -y varnish)")
    return missing


def pytest_configure(config):
    # Tests never run collectstatic, so they use plain static storage, and a fast hasher.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests expect an invalidation to show at once; the per-process copy has its own test.
    settings.CACHE_PUBLIC_PAGES_LOCALLY = 0
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    # Uploaded images and renditions from tests go to a throwaway folder.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="veridact-media-")


def pytest_collection_modifyitems(config, items):
    kept, left_out = [], {}
    for item in items:
        _restore_migration_data_after(item)
        if item.get_closest_marker("own_sqlite") and _on_postgres():
            # It makes a SQLite database of its own whatever DATABASE_URL names: the same
            # test on this stack would only repeat the pass on embedded defaults.
            reason = "run on a SQLite database of their own; the pass on SQLite runs them"
        elif missing := (not REQUIRE_SERVICES and _missing_services(item)):
            reason = f"need {' and '.join(missing)}; .ci/run runs them on the real stack"
        else:
            kept.append(item)
            continue
        left_out.setdefault(reason, []).append(item)
    if left_out:
        config.hook.pytest_deselected(items=[i for group in left_out.values() for i in group])
        items[:] = kept
        config.stash[_LEFT_OUT] = {reason: len(group) for reason, group in left_out.items()}


def _restore_migration_data_after(item):
    """Make a transactional test put back what the migrations wrote (serialized_rollback).

    One rule for all of them: a transactional test empties the tables when it ends, and one
    without serialized_rollback lets post_migrate create the content types again under new
    ids, which the next test with it then collides with while reloading the migrations' rows
    (django_content_type's unique key). With every transactional test reloading them, no
    order of tests can produce that.
    """
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction") and "serialized_rollback" not in marker.kwargs:
        item.add_marker(
            pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
            append=False,
        )


def pytest_sessionfinish(session):
    # Under pytest-xdist the workers collect, and the controller reports what they left out.
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["left_out"] = session.config.stash.get(_LEFT_OUT, {})


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    # Every worker collects the same tests and leaves out the same ones.
    node.config.stash[_LEFT_OUT] = getattr(node, "workeroutput", {}).get("left_out", {})


def pytest_terminal_summary(terminalreporter, config):
    for reason, count in config.stash.get(_LEFT_OUT, {}).items():
        terminalreporter.write_line(f"Left out {count} test(s) that {reason}.")


def pytest_runtest_setup(item):
    missing = _missing_services(item)
    if missing:
        reason = "needs " + " and ".join(missing)
        pytest.fail(f"{reason}; VERIDACT_REQUIRE_SERVICES=1 makes this a failure", pytrace=False)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with empty caches (only this project's keys, on Redis)."""
    if settings.CACHE_REDIS_URL:
        cache.delete_pattern("*")
    else:
        cache.clear()
    caches["local"].clear()
    forget_local_pages()
    yield


@pytest.fixture(autouse=True)
def _eager_celery(request):
    """Run tasks in-process, even when REDIS_URL makes the app publish to Redis.

    Tests marked `celery` publish to Redis for the real worker processes they start.
    """
    if request.node.get_closest_marker("celery"):
        yield
        return
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture
def publish_to_broker(_eager_celery):
    """Send tasks to the broker (REDIS_URL) like the site does, for a test that looks there."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True  # as `_eager_celery` left it; it restores the rest


@pytest.fixture(scope="session")
def collected_static():
    """Collect static files once, for child processes that run as production does.

    With DEBUG off the site names static files from WhiteNoise's manifest, which only
    `collectstatic` writes (the Dockerfile and CI run it before serving).
    """
    environ = {
        **os.environ,
        "SECRET_KEY": "collectstatic-only",
        "ALLOW_INSECURE_SITE_URL": "true",
        "DEBUG": "false",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=Path(settings.BASE_DIR),
        env=environ,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the session, driven by Playwright."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # refuses to run there unless told the access is deliberate.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab whose relative URLs go to the live test server."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    yield tab
    context.close()


class _BrokenCache:
    """A cache that fails every call, as django-redis does without IGNORE_EXCEPTIONS."""

    def _refuse(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    add = incr = set = get = delete = _refuse


@pytest.fixture
def limits_cache_down(monkeypatch):
    """Take the cache away from the rate limits (limits.rates) for one test."""
    monkeypatch.setattr("limits.rates.cache", _BrokenCache())


@pytest.fixture
def limit_windows():
    """Run 30 s into a new day, so that a test's requests share every limit's window.

    Limits count in fixed windows (limits.rates); a test that happened to cross the end of
    one would see its count start again.
    """
    start = datetime.datetime(2030, 1, 7, 0, 0, 30, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=True):
        yield


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_s3_server(port):
    """Start moto's standalone S3 server on `port`; return the process once it answers."""
    server = subprocess.Popen(
        [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=2).close()  # noqa: S310
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"moto_server did not start on port {port}", pytrace=False)
            time.sleep(0.2)


def stop_s3_server(server):
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a real S3 API: moto's standalone server in its own process."""
    port = free_port()
    server = start_s3_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_s3_server(server)


@pytest.fixture
def silent_endpoint():
    """An S3 endpoint that takes connections and never answers: a bucket that hangs."""
    server = socket.create_server(("127.0.0.1", 0))
    held = []

    def accept():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for connection in held:
        connection.close()


class S3Media:
    """A bucket on the S3 server that holds the site's media while a test runs."""

    def __init__(self, settings, endpoint):
        import boto3

        self.settings = settings
        self.endpoint = endpoint
        self.bucket = f"veridact-{uuid.uuid4().hex[:12]}"
        self.credentials = {"access_key": "testing", "secret_key": "testing", "region": "us-east-1"}
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        self.client.create_bucket(Bucket=self.bucket)
        # Readable by anyone, as docs/operations.md sets it up: browsers and a CDN fetch
        # objects by plain URLs, never signed ones.
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{self.bucket}/*",
                }
            ],
        }
        self.client.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps(policy))
        self.use()

    def use(self, public_url=""):
        """Store media in the bucket, served from `public_url` (a CDN) or the bucket."""
        from veridact.storage import s3_media_storage

        media_url, storage = s3_media_storage(
            bucket=self.bucket,
            endpoint_url=self.endpoint,
            public_url=public_url,
            **self.credentials,
        )
        self.settings.MEDIA_URL = media_url
        self.settings.STORAGES = {**self.settings.STORAGES, "default": storage}

    def keys(self):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return {item["Key"] for page in pages for item in page.get("Contents", [])}


@pytest.fixture
def s3_media(settings, s3_endpoint):
    """Media in a fresh bucket on the S3 server, for this test only."""
    return S3Media(settings, s3_endpoint)
