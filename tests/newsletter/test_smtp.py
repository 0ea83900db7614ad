"""Digests over real SMTP (aiosmtpd on localhost): the sent-mark goes before the final dot."""

from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from newsletter import issuing, sending, sent_marks
from newsletter.models import Delivery, Subscriber
from tests.newsletter.factories import ArticleFactory, SubscriberFactory
from tests.newsletter.smtp import SMTPServer, body_html, body_text, free_port


@pytest.fixture(params=[True, False], ids=["pipelining", "one-by-one"])
def smtp(settings, request):
    with SMTPServer(pipelining=request.param) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server


@pytest.fixture
def issue(db, categories):
    ArticleFactory(category=categories["gaming"], title="Console launch window")
    ArticleFactory(category=categories["tech"], title="Chip supply in Q3", is_featured=True)
    SubscriberFactory(email="gamer@example.com", categories=["gaming"])
    SubscriberFactory(email="all@example.com")
    SubscriberFactory(email="bouncing@example.com")
    return issuing.issue_create(frequency="daily", run="smtp")


def test_digests_arrive_over_smtp_with_the_right_content_and_headers(smtp, issue, client):
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 3
    messages = {m["To"]: m for m in smtp.mailbox.parsed()}
    assert set(messages) == {"gamer@example.com", "all@example.com", "bouncing@example.com"}
    gamer = messages["gamer@example.com"]
    assert gamer["Subject"].strip() == "Console launch window — your daily Veridact digest"
    assert "Console launch window" in body_text(gamer)
    assert "Chip supply" not in body_text(gamer)
    assert "Chip supply" not in body_html(gamer)
    everyone = messages["all@example.com"]
    assert everyone["Subject"].strip().startswith("Chip supply in Q3 — and 1 more")
    assert "<table" in body_html(everyone)
    assert everyone["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert everyone["List-Id"] == "Veridact daily digest <daily.digest.127.0.0.1>"
    assert (
        everyone["Message-ID"]
        == issue.deliveries.get(subscriber__email="all@example.com").message_id
    )

    # RFC 8058: a POST to the header's URL, with no cookie, unsubscribes.
    url = everyone["List-Unsubscribe"].strip("<>")
    response = client.post(
        urlsplit(url).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(email="all@example.com").status == "unsubscribed"


def test_a_declined_commit_sends_nothing_and_the_next_message_still_goes(smtp, issue):
    calls = []
    original = sent_marks.SentMarker.mark_sent

    def first_declines(self, cursor, delivery_id, message_id):
        calls.append(delivery_id)
        return False if len(calls) == 1 else original(self, cursor, delivery_id, message_id)

    with mock.patch.object(sent_marks.SentMarker, "mark_sent", first_declines):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 2
    assert smtp.mailbox.count() == 2
    assert issue.deliveries.filter(state="queued").count() == 1


def test_a_4xx_after_the_dot_undoes_the_sent_mark(smtp, issue):
    import time

    smtp.mailbox.data_busy_until = time.monotonic() + 60
    sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert smtp.mailbox.count() == 0
    rows = issue.deliveries.all()
    assert {row.state for row in rows} == {Delivery.State.QUEUED}
    assert {row.attempts for row in rows} == {1}
    assert all(row.sent_at is None and "451" in row.last_error for row in rows)


def test_a_421_after_the_dot_stops_the_chunk(smtp, issue):
    import time

    smtp.mailbox.data_busy_until = time.monotonic() + 60
    smtp.mailbox.data_refusal = "421 4.3.2 Shutting down"
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 0
    assert smtp.mailbox.count() == 0
    rows = issue.deliveries.all()
    assert {(row.state, row.attempts) for row in rows} == {(Delivery.State.QUEUED, 1)}
    assert not rows.filter(lease_owner__isnull=False).exists()
    assert report.retry_in > 0


def test_a_550_at_rcpt_is_a_hard_bounce_and_the_chunk_goes_on(smtp, issue):
    smtp.mailbox.bouncing.add("bouncing@example.com")
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 2 and report.failed == 1
    bounced = issue.deliveries.get(subscriber__email="bouncing@example.com")
    assert bounced.state == Delivery.State.FAILED
    assert "550" in bounced.last_error
    assert Subscriber.objects.get(email="bouncing@example.com").hard_bounces == 1


def test_an_unreachable_server_counts_an_attempt_and_retries_later(settings, issue):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 0
    assert 0 < report.retry_in <= settings.NEWSLETTER_RETRY_MAX_SECONDS
    rows = issue.deliveries.all()
    assert {(row.state, row.attempts) for row in rows} == {(Delivery.State.QUEUED, 1)}
    assert all(row.next_attempt_at > timezone.now() - timedelta(seconds=1) for row in rows)


def test_one_connection_serves_the_whole_chunk(smtp, issue):
    sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert smtp.mailbox.count() == 3
    assert smtp.mailbox.greetings == 1


def test_a_connection_broken_before_the_dot_undoes_the_mark_and_stops(smtp, issue):
    from newsletter.transport import SMTPTransport

    def no_dot(self, data):
        if data.startswith(b".\r\n"):
            return 0  # the mark is committed, but the dot never leaves
        self.connection.sock.sendall(data)
        return len(data)

    with mock.patch.object(SMTPTransport, "_write", no_dot):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 0
    assert smtp.mailbox.count() == 0
    rows = issue.deliveries.all()
    assert {(row.state, row.attempts) for row in rows} == {(Delivery.State.QUEUED, 1)}
    assert all(row.sent_at is None for row in rows)


def test_a_connection_broken_during_the_message_leaves_the_row_unmarked(smtp, issue):
    from newsletter.transport import SMTPTransport

    with mock.patch.object(SMTPTransport, "_write", return_value=0):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 0
    assert smtp.mailbox.count() == 0
    assert {row.state for row in issue.deliveries.all()} == {Delivery.State.QUEUED}


def test_a_connection_broken_after_the_dot_counts_as_sent(smtp, issue):
    from newsletter.transport import SMTPTransport

    def dot_only(self, data):
        if data.startswith(b".\r\n"):
            self.connection.sock.sendall(data[:3])
            return 3  # the dot left; the next envelope did not
        self.connection.sock.sendall(data)
        return len(data)

    with mock.patch.object(SMTPTransport, "_write", dot_only):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 3
    assert smtp.mailbox.count() == 3
    assert issue.deliveries.filter(state="sent").count() == 3
