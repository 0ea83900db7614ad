"""Sent-marks in flight on PostgreSQL (libpq's pipeline mode), outside any test transaction.

Each message's COMMIT leaves with the next message's mark; these tests check that a mark
made ahead for a message that is then not sent is rolled back, and that a chunk run hands
the connection back with no transaction open and no statement left prepared.
"""

import time
from unittest import mock

import pytest
from django.db import connection

from newsletter import dispatch, issuing, sending, sent_marks
from newsletter.models import Delivery, Subscriber
from tests.newsletter.factories import ArticleFactory, SubscriberFactory
from tests.newsletter.test_smtp import smtp  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def issue(categories_from_migrations):
    ArticleFactory(category=categories_from_migrations["tech"], title="Chip supply in Q3")
    for name in ("first", "second", "third", "fourth"):
        SubscriberFactory(email=f"{name}@example.com")
    with mock.patch.object(dispatch, "send_chunks"):  # each test runs the chunk itself
        return issuing.issue_create(frequency="daily", run="in-flight")


def assert_connection_handed_back():
    """No transaction left open, no statement of ours left prepared, pipeline mode left."""
    assert not connection.in_atomic_block
    pgconn = connection.connection.pgconn
    assert pgconn.pipeline_status == 0
    assert pgconn.transaction_status == 0  # idle
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'newsletter%%'")
        assert cursor.fetchone() == (0,)


def test_each_email_is_marked_once_with_its_message_id(smtp, issue):  # noqa: F811
    with mock.patch.object(sent_marks, "_Pipeline", wraps=sent_marks._Pipeline) as pipeline:
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    pipeline.assert_called_once()  # the marks went through libpq's pipeline mode
    assert report.sent == 4
    assert sorted(smtp.mailbox.recipients()) == sorted(
        f"{name}@example.com" for name in ("first", "second", "third", "fourth")
    )
    assert smtp.mailbox.greetings == 1
    ids = {message["To"]: message["Message-ID"] for message in smtp.mailbox.parsed()}
    for row in issue.deliveries.select_related("subscriber"):
        assert (row.state, row.attempts, row.lease_owner) == (Delivery.State.SENT, 1, None)
        assert row.message_id == ids[row.subscriber.email]
    assert_connection_handed_back()


def test_a_bounce_rolls_back_the_mark_made_ahead_for_it(smtp, issue):  # noqa: F811
    smtp.mailbox.bouncing.add("second@example.com")
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert (report.sent, report.failed) == (3, 1)
    assert sorted(smtp.mailbox.recipients()) == [
        "first@example.com",
        "fourth@example.com",
        "third@example.com",
    ]
    bounced = issue.deliveries.get(subscriber__email="second@example.com")
    assert (bounced.state, bounced.attempts, bounced.sent_at) == (Delivery.State.FAILED, 1, None)
    assert Subscriber.objects.get(email="second@example.com").hard_bounces == 1
    assert_connection_handed_back()


def test_a_row_sent_by_another_run_meanwhile_is_not_sent_again(smtp, issue):  # noqa: F811
    taken = issue.deliveries.get(subscriber__email="third@example.com")
    original = sending._skip_unconfirmed

    def another_run_sends_it(rows, owner):
        # After this run claimed the chunk, the row is marked sent under another lease.
        Delivery.objects.filter(pk=taken.pk).update(state=Delivery.State.SENT, lease_owner=None)
        return original(rows, owner)

    with mock.patch.object(sending, "_skip_unconfirmed", another_run_sends_it):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 3
    assert "third@example.com" not in smtp.mailbox.recipients()
    assert smtp.mailbox.count() == 3
    taken.refresh_from_db()
    assert (taken.state, taken.attempts, taken.message_id) == (Delivery.State.SENT, 0, "")
    assert_connection_handed_back()


def test_a_421_after_the_dot_stops_the_chunk_and_undoes_every_mark(smtp, issue):  # noqa: F811
    smtp.mailbox.data_busy_until = time.monotonic() + 60
    smtp.mailbox.data_refusal = "421 4.3.2 Shutting down"
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 0
    assert smtp.mailbox.count() == 0
    rows = issue.deliveries.all()
    assert {(row.state, row.attempts, row.sent_at) for row in rows} == {
        (Delivery.State.QUEUED, 1, None)
    }
    assert not rows.filter(lease_owner__isnull=False).exists()
    assert_connection_handed_back()
