"""Fixtures shared by the whole suite, and the rules for tests that need real services.

Tests marked `postgres`, `redis`, `celery` or `browser` run whenever their service is
configured (DATABASE_URL, REDIS_URL) or installed (Chromium). Otherwise they are left out
of the run, and the summary says which and why, except when VERIDACT_REQUIRE_SERVICES=1
(set by .ci/run for its real-stack pass): then a missing service fails those tests.
"""

import datetime
import os
import shutil
import tempfile

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache, caches

from veridact.caching import forget_local_pages
from veridact.celery import app as celery_app

REQUIRE_SERVICES = os.environ.get("VERIDACT_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
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
    if REQUIRE_SERVICES:
        return
    kept, left_out = [], {}
    for item in items:
        missing = _missing_services(item)
        if missing:
            left_out.setdefault(" and ".join(missing), []).append(item)
        else:
            kept.append(item)
    if left_out:
        config.hook.pytest_deselected(items=[i for group in left_out.values() for i in group])
        items[:] = kept
        config.stash[_LEFT_OUT] = {reason: len(group) for reason, group in left_out.items()}


def pytest_terminal_summary(terminalreporter, config):
    for reason, count in config.stash.get(_LEFT_OUT, {}).items():
        terminalreporter.write_line(
            f"Left out {count} test(s) that need {reason}; .ci/run runs them on the real stack."
        )


def pytest_runtest_setup(item):
    missing = _missing_services(item)
    if missing:
        reason = "needs " + " and ".join(missing)
        pytest.fail(f"{reason}; VERIDACT_REQUIRE_SERVICES=1 makes this a failure", pytrace=False)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with empty caches (only this project's keys, on Redis)."""
    if settings.REDIS_URL:
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
    """Take the cache away from the rate limits (veridact.limits) for one test."""
    monkeypatch.setattr("veridact.limits.cache", _BrokenCache())


@pytest.fixture
def limit_windows():
    """Run 30 s into a new day, so that a test's requests share every limit's window.

    Limits count in fixed windows (veridact.limits); a test that happened to cross the end of
    one would see its count start again.
    """
    start = datetime.datetime(2030, 1, 7, 0, 0, 30, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=True):
        yield
