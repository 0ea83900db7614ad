"""The public subscribe form: CSRF-free on cached pages, double opt-in, no enumeration."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import services
from newsletter.models import Notice, Subscriber
from tests.newsletter.factories import SubscriberFactory

SUBSCRIBE = "/newsletter/subscribe/"


@pytest.fixture
def csrf_client():
    """A client that enforces CSRF like a browser session would."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")


def subscribe(client, email, capture):
    with capture(execute=True):
        return client.post(SUBSCRIBE, {"email": email})


def test_cta_on_a_cached_page_has_no_csrf_token_and_posts_to_subscribe(client, db):
    response = client.get("/")
    html = response.content.decode()
    assert "Stay ahead of what&#x27;s next" in html or "Stay ahead of what's next" in html
    assert "Forecasts, analysis, and prediction updates delivered to your inbox." in html
    assert f'action="{SUBSCRIBE}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in response.cookies


def test_subscribe_page_is_cached_for_anonymous_readers(client, db, django_assert_num_queries):
    first = client.get(SUBSCRIBE)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    assert "csrfmiddlewaretoken" not in first.content.decode()
    # The second request is served from the cache: no query at all.
    with django_assert_num_queries(0):
        second = client.get(SUBSCRIBE)
    assert second.content == first.content


def test_subscribe_without_csrf_token_stores_a_pending_subscriber_and_sends_a_confirmation(
    csrf_client, db, django_capture_on_commit_callbacks
):
    response = subscribe(
        csrf_client, "  New.Reader@Example.COM ", django_capture_on_commit_callbacks
    )
    assert response.status_code == 303
    assert response["Location"] == reverse("newsletter:subscribed")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "new.reader@example.com"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.requested_ip == "203.0.113.7"
    assert subscriber.consent_at is None
    assert subscriber.categories.count() == 4
    assert subscriber.frequency == "daily"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.reader@example.com"]
    assert "Confirm" in message.subject
    assert re.search(r"http://[^/]+/newsletter/confirm/[^/\s]+/", message.body)
    html = message.alternatives[0][0]
    assert "<table" in html and "Confirm my subscription" in html
    assert Notice.objects.get().sent_at is not None


def test_a_new_address_costs_a_fixed_number_of_queries(csrf_client, db, django_assert_num_queries):
    # One transaction (a savepoint inside the test's): the subscriber locked or created (a
    # get_or_create, with a savepoint of its own), every category read and added in one
    # insert, the check for a recent email to the same inbox, and the confirmation queued.
    with django_assert_num_queries(10):
        response = csrf_client.post(SUBSCRIBE, {"email": "counted@example.com"})
    assert response.status_code == 303
    assert Subscriber.objects.get().categories.count() == 4


def test_the_answer_is_identical_for_new_pending_and_confirmed_addresses(
    client, db, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="confirmed@example.com")
    SubscriberFactory(email="pending@example.com", status=Subscriber.Status.PENDING)
    answers = []
    for email in ["new@example.com", "pending@example.com", "confirmed@example.com"]:
        response = subscribe(client, email, django_capture_on_commit_callbacks)
        answers.append((response.status_code, response["Location"], response.content))
        page = client.get(response["Location"])
        answers[-1] += (page.content,)
    assert answers[0] == answers[1] == answers[2]
    assert b"Check your inbox" in answers[0][3]
    # Each address's owner, and only they, learns what happened.
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "Confirm" in subjects["new@example.com"]
    assert "Confirm" in subjects["pending@example.com"]
    assert "already subscribed" in subjects["confirmed@example.com"]


def test_invalid_address_shows_the_error_and_keeps_what_was_typed(client, db):
    response = client.post(SUBSCRIBE, {"email": "not-an-address"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert "Enter a valid email address." in html
    assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()


def test_repeated_requests_are_throttled_and_keep_the_first_link_working(
    client, db, django_capture_on_commit_callbacks
):
    subscribe(client, "eager@example.com", django_capture_on_commit_callbacks)
    first = Subscriber.objects.get().requested_at
    # Two more: within the per-mailbox request limit (3 an hour), so the throttle answers.
    for _ in range(2):
        response = subscribe(client, "eager@example.com", django_capture_on_commit_callbacks)
        assert response.status_code == 303
    assert len(mail.outbox) == 1
    assert Subscriber.objects.get().requested_at == first


def test_an_unsubscribed_address_can_subscribe_again_through_a_new_confirmation(db):
    subscriber = SubscriberFactory(
        status=Subscriber.Status.UNSUBSCRIBED, requested_at=timezone.now() - timedelta(days=30)
    )
    services.subscription_request(email=subscriber.email, ip="198.51.100.1")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.notices.get().kind == Notice.Kind.CONFIRM


def test_broker_down_still_answers_and_the_sweep_sends_the_confirmation_later(
    client, db, django_capture_on_commit_callbacks
):
    from newsletter import tasks

    with mock.patch.object(tasks.send_notice, "delay", side_effect=ConnectionError("down")):
        response = subscribe(client, "patient@example.com", django_capture_on_commit_callbacks)
    assert response.status_code == 303
    notice = Notice.objects.get()
    assert notice.sent_at is None
    assert mail.outbox == []
    # Too fresh for the sweep: the enqueued task normally sends it.
    assert services.outbox_sweep() == 0
    later = timezone.now() + timedelta(minutes=1)
    assert services.outbox_sweep(now=later) == 1
    assert services.outbox_sweep(now=later) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["patient@example.com"]


def test_get_and_post_only(client, db):
    assert client.put(SUBSCRIBE).status_code == 405
