"""Beat's nightly purge of expired sessions."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import tasks
from tests.accounts.factories import ReaderFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def signed_in(reader):
    client = Client()
    response = client.post(reverse("account_login"), {"login": reader.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_expired_sessions_are_purged_and_live_ones_kept():
    reader = ReaderFactory()
    old = signed_in(reader)
    expired = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(expired):
        fresh = signed_in(reader)
        assert Session.objects.count() == 2
        tasks.purge_expired_sessions.delay()
        assert list(Session.objects.values_list("session_key", flat=True)) == [
            fresh.cookies[settings.SESSION_COOKIE_NAME].value
        ]
        assert fresh.get(reverse("accounts:settings")).status_code == 200
        assert old.get(reverse("accounts:settings")).status_code == 302  # to sign in
