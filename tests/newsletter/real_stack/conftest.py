"""Fixtures of the real-stack tests: an SMTP server, the processes a test starts, the broker."""

import pytest
from django.conf import settings

from tests.newsletter.smtp import SMTPServer
from tests.newsletter.workers import purge_broker


@pytest.fixture(autouse=True)
def _categories(categories_from_migrations):
    return categories_from_migrations


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


@pytest.fixture
def processes():
    """Processes a test starts; all stopped before the test database is flushed."""
    started = []
    yield started
    for process in reversed(started):
        process.stop()


@pytest.fixture
def broker():
    purge_broker(settings.REDIS_URL)
    yield settings.REDIS_URL
    purge_broker(settings.REDIS_URL)
