"""Beat's nightly purges of subscribe requests never confirmed and of old outbox emails."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Notice, Subscriber
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

START = timezone.now()


def days(number):
    return START + datetime.timedelta(days=number)


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    def subscribe(email, *, when):
        with time_machine.travel(when), django_capture_on_commit_callbacks(execute=True):
            response = client.post("/newsletter/subscribe/", {"email": email})
        assert response.status_code == 303

    return subscribe


def test_subscribe_requests_never_confirmed_go_after_the_set_days(subscribe, settings):
    settings.PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS = 10
    subscribe("forgot@example.com", when=days(0))
    subscribe("asked.again@example.com", when=days(0))
    subscribe("asked.again@example.com", when=days(9))
    subscribe("late@example.com", when=days(9))
    SubscriberFactory(email="confirmed@example.com", requested_at=days(0), consent_at=days(0))
    # Confirmed once, unsubscribed, then asked again: their consent record stays.
    SubscriberFactory(
        email="came.back@example.com",
        status=Subscriber.Status.PENDING,
        requested_at=days(-100),
        consent_at=days(-200),
    )
    with time_machine.travel(days(10) + datetime.timedelta(minutes=1)):
        tasks.purge_unconfirmed_subscribers.delay()
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "asked.again@example.com",
        "late@example.com",
        "confirmed@example.com",
        "came.back@example.com",
    }
    assert not Notice.objects.filter(subscriber__email="forgot@example.com").exists()


def test_outbox_emails_sent_or_given_up_go_after_the_set_days(subscribe, settings):
    settings.PURGE_SENT_EMAILS_DAYS = 30
    subscribe("early@example.com", when=days(0))
    subscribe("recent@example.com", when=days(2))
    assert len(mail.outbox) == 2
    message = {"subject": "Reset your password", "to": ["someone@example.com"]}
    given_up = Notice.objects.create(
        kind=Notice.Kind.ACCOUNT, message=message, created_at=days(0), attempts=10
    )
    still_owed = Notice.objects.create(
        kind=Notice.Kind.ACCOUNT, message=message, created_at=days(0), attempts=3
    )
    with time_machine.travel(days(31)):
        tasks.purge_sent_emails.delay()
    remaining = Notice.objects.all()
    assert {notice.pk for notice in remaining} == {
        Notice.objects.get(subscriber__email="recent@example.com").pk,
        still_owed.pk,
    }
    assert not Notice.objects.filter(pk=given_up.pk).exists()
    # The subscriptions themselves stay: only the emails' rows go.
    assert Subscriber.objects.count() == 2
