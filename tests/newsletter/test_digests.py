"""Digest issues: windows, frozen recipients, category filtering, exactly-once sending, retries."""

import datetime
import email
from datetime import timedelta
from email import policy
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsletter import dispatch, issuing, sending, sent_marks, tasks
from newsletter.emails import DigestRenderer
from newsletter.models import Delivery, DigestIssue, Subscriber
from newsletter.transport import DeliveryError
from tests.newsletter.factories import ArticleFactory, SubscriberFactory


@pytest.fixture
def news(categories):
    """One fresh article per category, the Tech one featured (the top story)."""
    return {
        "tech": ArticleFactory(category=categories["tech"], title="Chips ahead", is_featured=True),
        "sports": ArticleFactory(category=categories["sports"], title="Cup final odds"),
        "finance": ArticleFactory(category=categories["finance"], title="Rates in June"),
    }


def create(frequency="daily", run="run-1", **kwargs):
    return issuing.issue_create(frequency=frequency, run=run, **kwargs)


def test_no_new_articles_means_no_issue(db):
    SubscriberFactory()
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(status="draft", published_at=None)
    ArticleFactory(published_at=timezone.now() + timedelta(hours=2))  # scheduled
    assert create() is None
    assert not DigestIssue.objects.exists()


def test_an_issue_holds_what_was_published_since_the_previous_one(db, categories):
    SubscriberFactory()
    earlier = timezone.now() - timedelta(minutes=10)
    first_article = ArticleFactory()
    first = create(run="day-1", now=earlier)
    assert list(first.articles.all()) == [first_article]
    assert create(run="day-2", now=earlier + timedelta(seconds=1)) is None  # nothing new since
    later = ArticleFactory(published_at=timezone.now() - timedelta(minutes=5))
    second = create(run="day-3")
    assert list(second.articles.all()) == [later]
    assert second.window_start == first.window_end


def test_two_beats_create_one_issue(db, news, django_capture_on_commit_callbacks):
    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.create_digest.delay("daily")
        tasks.create_digest.delay("daily")
    assert DigestIssue.objects.count() == 1
    assert Delivery.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_unique_constraint_stops_a_racing_second_issue(db, news):
    SubscriberFactory()
    # The second beat read "no issue yet" before the first one committed.
    with mock.patch.object(DigestIssue.objects, "filter", wraps=DigestIssue.objects.filter):
        first = create(run="2026-06-12")
    DigestIssue.objects.filter(pk=first.pk).update(window_end=first.window_start)
    with mock.patch("newsletter.issuing.DigestIssue.objects.filter") as exists:
        exists.return_value.exists.return_value = False
        exists.return_value.order_by.return_value.first.return_value = None
        assert create(run="2026-06-12") is None
    assert DigestIssue.objects.count() == 1


def test_recipients_are_frozen_and_matched_to_their_categories(db, news):
    everything = SubscriberFactory()
    sports = SubscriberFactory(categories=["sports"])
    SubscriberFactory(categories=["gaming"])  # nothing new in Gaming
    SubscriberFactory(frequency="weekly")
    SubscriberFactory(status=Subscriber.Status.PENDING)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    issue = create()
    latecomer = SubscriberFactory()  # confirms during the send
    deliveries = {d.subscriber_id: d.category_ids for d in issue.deliveries.all()}
    ids = {slug: article.category_id for slug, article in news.items()}
    assert deliveries == {
        everything.pk: ",".join(str(i) for i in sorted(ids.values())),
        sports.pk: str(ids["sports"]),
    }
    assert issue.recipients == 2
    assert issue.subject.startswith("Chips ahead — and 2 more")
    sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([everything.email, sports.email])
    assert latecomer.email not in {m.to[0] for m in mail.outbox}


def test_recipients_are_split_into_chunks(db, news, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 2
    SubscriberFactory.create_batch(5)
    issue = create()
    assert issue.chunk_count == 3
    assert sorted(issue.deliveries.values_list("chunk", flat=True)) == [0, 0, 1, 1, 2]


def test_the_digest_email(db, news):
    sports_fan = SubscriberFactory(categories=["sports", "finance"])
    issue = create()
    sending.chunk_send(issue_id=issue.pk, chunk=0)
    (message,) = mail.outbox
    assert message.subject == "Rates in June — and 1 more in your daily Veridact digest" or (
        message.subject == "Cup final odds — and 1 more in your daily Veridact digest"
    )
    html = message.alternatives[0][0]
    assert message.alternatives[0][1] == "text/html"
    for text in (message.body, html):
        assert "Cup final odds" in text and "Rates in June" in text
        assert "Chips ahead" not in text
        assert "http://127.0.0.1:8000/newsletter/unsubscribe/" in text
        assert "http://127.0.0.1:8000/newsletter/preferences/" in text
    assert "SPORTS" in message.body and "FINANCE" in message.body
    assert news["sports"].summary in message.body
    assert "<table" in html and 'style="' in html
    assert "<link" not in html and "<script" not in html
    headers = message.extra_headers
    assert headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/newsletter/unsubscribe/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Id"] == "Veridact daily digest <daily.digest.127.0.0.1>"
    delivery = issue.deliveries.get()
    assert delivery.state == Delivery.State.SENT
    assert abs(delivery.sent_at - timezone.now()) < timedelta(minutes=1)
    assert headers["Message-ID"] == delivery.message_id
    assert delivery.subscriber == sports_fan
    issue.refresh_from_db()
    assert issue.status == DigestIssue.Status.DONE


def test_the_raw_smtp_message_matches_the_django_message(db, news):
    subscriber = SubscriberFactory()
    issue = create()
    renderer = DigestRenderer(issue=issue, articles=list(issue.articles.select_related("category")))
    delivery = issue.deliveries.get()
    arguments = {
        "delivery_id": delivery.pk,
        "subscriber_id": subscriber.pk,
        "email": subscriber.email,
        "category_key": delivery.category_ids,
    }
    raw = email.message_from_bytes(renderer.message_bytes(**arguments), policy=policy.default)
    django_message = renderer.email_message(**arguments)
    assert raw["To"] == subscriber.email
    assert raw["Subject"].strip() == django_message.subject
    assert raw["Message-ID"] == django_message.extra_headers["Message-ID"]
    assert raw["List-Unsubscribe"] == django_message.extra_headers["List-Unsubscribe"]
    text, html = (
        part.get_payload(decode=True).decode() for part in raw.walk() if not part.is_multipart()
    )
    assert text.replace("\r\n", "\n") == django_message.body
    assert html.replace("\r\n", "\n") == django_message.alternatives[0][0]


def test_running_a_chunk_twice_sends_each_email_once(db, news, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 3
    SubscriberFactory.create_batch(7)
    issue = create()
    for _ in range(2):
        for chunk in range(issue.chunk_count):
            sending.chunk_send(issue_id=issue.pk, chunk=chunk)
    assert len(mail.outbox) == 7
    assert len({m.to[0] for m in mail.outbox}) == 7
    assert issue.deliveries.filter(state="sent").count() == 7


def test_a_row_another_run_holds_is_not_sent(db, news):
    SubscriberFactory.create_batch(2)
    issue = create()
    held = issue.deliveries.first()
    held.leased_until = timezone.now() + timedelta(seconds=60)
    held.lease_owner = "6f1d7f0e-4f5e-4b8a-9d43-7f0c0f0b3c11"
    held.save()
    report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 1
    assert 50 < report.retry_in <= 60
    held.refresh_from_db()
    assert held.state == Delivery.State.QUEUED


def test_a_lost_compare_and_set_sends_nothing(db, news):
    SubscriberFactory()
    issue = create()
    original = sent_marks.SentMarker.mark_sent

    def someone_else_was_first(self, cursor, delivery_id, message_id):
        Delivery.objects.filter(pk=delivery_id).update(state=Delivery.State.SENT)
        return original(self, cursor, delivery_id, message_id)

    with mock.patch.object(sent_marks.SentMarker, "mark_sent", someone_else_was_first):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 0
    assert mail.outbox == []


def test_queries_per_chunk_grow_by_one_per_email(db, news, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 20
    SubscriberFactory.create_batch(30)
    issue = create()
    sending._renderer(issue.pk)  # the issue and its articles are read once per worker
    counts = []
    for chunk in (0, 1):
        with CaptureQueriesContext(connection) as queries:
            sending.chunk_send(issue_id=issue.pk, chunk=chunk)
        counts.append(len(queries))
    # 20 and 10 emails: one compare-and-set each, plus a fixed cost of claiming, releasing
    # and settling the chunk (and closing the issue after the last one).
    assert counts[0] - 20 == counts[1] - 10 - 1
    assert counts[1] - 10 <= 12


class Flaky:
    """A transport that fails the way it is told, per call."""

    raw = False

    def __init__(self, *errors):
        self.errors = list(errors)
        self.sent = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass

    def send(self, *, recipient, payload, hold, commit_then, on_reply, then=None):
        error = self.errors.pop(0) if self.errors else None
        if error is not None and not error.committed:
            raise error
        if not hold():
            return False
        commit_then(lambda: None)
        on_reply(error)
        if error is None:
            self.sent.append(recipient)
        return True


def temporary(**flags):
    return DeliveryError("451 try later", code=451, **flags)


def test_temporary_failures_back_off_and_give_up_after_five(db, news, settings):
    settings.NEWSLETTER_RETRY_BASE_SECONDS = 10
    settings.NEWSLETTER_RETRY_MAX_SECONDS = 60
    SubscriberFactory()
    issue = create()
    delivery = issue.deliveries.get()
    waits = []
    for attempt in range(1, 6):
        # The failure comes after the sent-mark was committed, so it must be undone.
        with mock.patch.object(
            sending, "open_transport", return_value=Flaky(temporary(committed=True))
        ):
            report = sending.chunk_send(issue_id=issue.pk, chunk=0)
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        assert delivery.sent_at is None
        if attempt < 5:
            assert delivery.state == Delivery.State.QUEUED
            waits.append((delivery.next_attempt_at - timezone.now()).total_seconds())
            assert report.retry_in == pytest.approx(waits[-1], abs=1)
            Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=None)
    assert delivery.state == Delivery.State.FAILED
    assert "451" in delivery.last_error
    assert report.retry_in is None
    ceilings = [10, 20, 40, 60]
    for wait, ceiling in zip(waits, ceilings, strict=True):
        assert ceiling / 2 - 1 <= wait <= ceiling
    issue.refresh_from_db()
    assert issue.status == DigestIssue.Status.DONE


def test_retry_delays_stay_below_the_visibility_timeout(settings):
    assert settings.NEWSLETTER_RETRY_MAX_SECONDS < settings.CELERY_VISIBILITY_TIMEOUT
    assert settings.NEWSLETTER_LEASE_SECONDS <= settings.CELERY_VISIBILITY_TIMEOUT
    delays = [sending.retry_delay(attempt) for attempt in range(1, 30) for _ in range(20)]
    assert max(delays) <= settings.NEWSLETTER_RETRY_MAX_SECONDS
    assert len(set(delays)) > 100  # jittered


def test_a_server_failing_stops_the_chunk_and_counts_an_attempt_for_the_rest(db, news):
    SubscriberFactory.create_batch(6)
    issue = create()
    errors = [None, temporary(), temporary(), temporary()]
    with mock.patch.object(sending, "open_transport", return_value=Flaky(*errors)):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == 1
    attempts = sorted(issue.deliveries.filter(state="queued").values_list("attempts", flat=True))
    assert attempts == [1] * 5
    assert not issue.deliveries.filter(lease_owner__isnull=False).exists()
    assert report.retry_in > 0


def test_hard_bounces_fail_at_once_and_repeated_ones_suspend(db, news, settings):
    settings.NEWSLETTER_HARD_BOUNCE_LIMIT = 2
    subscriber = SubscriberFactory()
    bounce = DeliveryError("RCPT: 550 no such user", code=550, permanent=True, hard_bounce=True)
    earlier = timezone.now() - timedelta(minutes=10)
    for run in range(2):
        if run:
            ArticleFactory(published_at=timezone.now() - timedelta(minutes=5))
        issue = create(run=f"day-{run}", now=timezone.now() if run else earlier)
        with mock.patch.object(sending, "open_transport", return_value=Flaky(bounce)):
            sending.chunk_send(issue_id=issue.pk, chunk=0)
        delivery = issue.deliveries.get()
        assert delivery.state == Delivery.State.FAILED
        assert delivery.attempts == 1
    subscriber.refresh_from_db()
    assert subscriber.hard_bounces == 2
    assert subscriber.status == Subscriber.Status.SUSPENDED


def test_no_reply_after_the_dot_counts_as_sent(db, news):
    SubscriberFactory()
    issue = create()
    lost = DeliveryError("end of data: no reply", committed=True, ambiguous=True)
    with mock.patch.object(sending, "open_transport", return_value=Flaky(lost)):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    delivery = issue.deliveries.get()
    assert report.sent == 1
    assert delivery.state == Delivery.State.SENT
    assert "counted as sent" in delivery.last_error


def test_retry_failed_queues_them_again(db, news, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(2)
    issue = create()
    issue.deliveries.update(state=Delivery.State.FAILED, attempts=5, last_error="451")
    DigestIssue.objects.filter(pk=issue.pk).update(status=DigestIssue.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert issuing.issue_retry_failed(issue=issue) == 2
    assert len(mail.outbox) == 2
    assert issue.deliveries.filter(state="sent", attempts=1).count() == 2


def test_the_sweep_resumes_a_stalled_issue(db, news, settings, django_capture_on_commit_callbacks):
    SubscriberFactory.create_batch(3)
    with mock.patch.object(dispatch, "send_chunks"):  # the chunk tasks were lost
        issue = create()
    assert issuing.issues_resume() == 0  # not stalled yet
    later = timezone.now() + timedelta(seconds=3 * settings.CELERY_VISIBILITY_TIMEOUT)
    assert issuing.issues_resume(now=later) == 1
    assert len(mail.outbox) == 3
    issue.refresh_from_db()
    assert issue.status == DigestIssue.Status.DONE


def test_run_keys():
    moment = timezone.datetime(2026, 6, 15, 7, 0, tzinfo=datetime.UTC)
    assert issuing.run_key("daily", moment) == "2026-06-15"
    assert issuing.run_key("weekly", moment) == "2026-W25"


@pytest.mark.postgres
def test_the_sql_freeze_writes_the_same_rows_as_the_python_one(db, news, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 3
    SubscriberFactory.create_batch(4)
    SubscriberFactory.create_batch(3, categories=["finance", "gaming"])
    SubscriberFactory(categories=["gaming"])  # nothing new for them
    SubscriberFactory(status=Subscriber.Status.PENDING)
    ids = sorted({article.category_id for article in news.values()})
    now = timezone.now()
    made = []
    for run, write in (
        ("python", issuing._insert_deliveries),
        ("sql", issuing._insert_deliveries_in_sql),
    ):
        issue = DigestIssue.objects.create(
            frequency="daily", run_key=run, window_start=now, window_end=now
        )
        assert write(issue, ids) == 7
        made.append(
            list(
                issue.deliveries.order_by("subscriber_id").values_list(
                    "subscriber_id", "chunk", "category_ids", "state", "attempts"
                )
            )
        )
    assert made[0] == made[1]
    assert [row[1] for row in made[1]] == [0, 0, 0, 1, 1, 1, 2]
