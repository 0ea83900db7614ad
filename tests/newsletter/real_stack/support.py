"""What the real-stack tests share: their marks, waiting on the processes they start, confirmed
subscribers by the thousand, and reading what the SMTP server accepted."""

import collections
import re
import time
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from articles.models import Category
from newsletter.models import Subscriber

# Data is committed so the worker processes see it; serialized_rollback brings back what
# migrations created (categories, the Editors group) after each test's flush.
REAL_STACK = [
    pytest.mark.celery,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_until(predicate, timeout, interval=0.2):
    """Ask until the predicate holds or the timeout passes; say whether it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def link(text, name):
    """The path of the newsletter's `name` link (confirm, preferences) in an email's text."""
    return urlsplit(re.search(rf"https?://\S+/newsletter/{name}/\S+/", text).group(0)).path


def confirmed_subscribers(count, categories=None):
    """Make `count` confirmed subscribers at once, to the categories given or to all."""
    categories = list(categories or Category.objects.all())
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{i:05d}@example.com",
            status=Subscriber.Status.CONFIRMED,
            requested_at=now,
            consent_at=now,
            consent_ip="192.0.2.1",
        )
        for i in range(count)
    )
    through = Subscriber.categories.through
    through.objects.bulk_create(
        through(subscriber_id=subscriber.pk, category_id=category.pk)
        for subscriber in subscribers
        for category in categories
    )
    return subscribers


def assert_each_once(smtp, emails, worker_logs=""):
    """Check that the SMTP server accepted one email for each address and no other."""
    counts = collections.Counter(smtp.mailbox.recipients())
    missing = set(emails) - set(counts)
    duplicates = {email: n for email, n in counts.items() if n > 1}
    assert not missing and not duplicates, (
        f"{len(missing)} missing, {len(duplicates)} duplicated\n{worker_logs[-4000:]}"
    )
    assert sum(counts.values()) == len(emails)
