"""Each pytest-xdist worker's own Redis database (tests/xdist_services.py)."""

import os

from django.conf import settings

from tests.xdist_services import _own_database


def test_each_worker_takes_the_database_after_the_configured_one_by_its_number():
    assert _own_database("redis://127.0.0.1:6379/1", 0) == "redis://127.0.0.1:6379/1"
    assert _own_database("redis://127.0.0.1:6379/1", 1) == "redis://127.0.0.1:6379/2"
    assert _own_database("redis://127.0.0.1:6379", 2) == "redis://127.0.0.1:6379/2"
    assert _own_database("redis://:secret@redis:6380/15", 1) == "redis://:secret@redis:6380/0"


def test_this_worker_reads_its_own_database():
    # What the settings and every process a test starts read (they inherit the environment).
    assert os.environ.get("REDIS_URL", "") == settings.REDIS_URL
