"""Subscribe requests are limited per client address and per inbox, however it is spelt."""

import logging

import pytest
from django.core import mail
from django.test import Client

from newsletter.mailboxes import canonical_mailbox
from newsletter.models import Notice, Subscriber

pytestmark = pytest.mark.usefixtures("limit_windows")

SUBSCRIBE = "/newsletter/subscribe/"


@pytest.mark.parametrize(
    ("email", "mailbox"),
    [
        ("Ada@Example.com", "ada@example.com"),
        ("ada+news@example.com", "ada@example.com"),
        ("a.da+x+y@example.com", "a.da@example.com"),  # dots matter outside Gmail
        ("A.Da.Lovelace+1@GMAIL.com", "adalovelace@gmail.com"),
        ("ada.lovelace@googlemail.com", "adalovelace@gmail.com"),
        (" ada@example.com ", "ada@example.com"),
    ],
)
def test_canonical_mailbox(email, mailbox):
    assert canonical_mailbox(email) == mailbox


def subscribe(email, capture, ip="203.0.113.7", **headers):
    with capture(execute=True):
        return Client(REMOTE_ADDR=ip, **headers).post(SUBSCRIBE, {"email": email})


SPELLINGS = [
    "victim@gmail.com",
    "vic.tim@gmail.com",
    "victim+1@gmail.com",
    "V.I.C.T.I.M+spam@googlemail.com",
]


@pytest.mark.django_db
def test_spellings_of_one_inbox_get_one_confirmation_in_the_throttle_window(
    settings, django_capture_on_commit_callbacks
):
    # The cache limits out of the way: the database throttle alone holds the line.
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "subscribe": "100/h/ip,100/h/mailbox"}
    for number, email in enumerate(SPELLINGS):
        response = subscribe(email, django_capture_on_commit_callbacks, ip=f"192.0.2.{number}")
        assert response.status_code == 303
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["victim@gmail.com"]
    assert set(Subscriber.objects.values_list("mailbox", flat=True)) == {"victim@gmail.com"}
    assert Notice.objects.count() == 1


@pytest.mark.django_db
def test_the_fourth_request_for_one_inbox_in_an_hour_is_refused_with_429(
    django_capture_on_commit_callbacks,
):
    for number, email in enumerate(SPELLINGS[:3]):
        response = subscribe(email, django_capture_on_commit_callbacks, ip=f"192.0.2.{number}")
        assert response.status_code == 303
    refused = subscribe(SPELLINGS[3], django_capture_on_commit_callbacks, ip="192.0.2.9")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 3600
    html = refused.content.decode()
    assert "Too many subscribe requests" in html
    assert 'value="V.I.C.T.I.M+spam@googlemail.com"' in html  # what was typed is kept
    assert "public" not in refused.get("Cache-Control", "")
    assert Subscriber.objects.count() == 3
    # Another inbox from the same network is not held up.
    other = subscribe("someone@example.com", django_capture_on_commit_callbacks, ip="192.0.2.9")
    assert other.status_code == 303


@pytest.mark.django_db
def test_one_address_may_send_ten_requests_an_hour(django_capture_on_commit_callbacks):
    for number in range(10):
        response = subscribe(f"reader{number}@example.com", django_capture_on_commit_callbacks)
        assert response.status_code == 303
    assert subscribe("reader10@example.com", django_capture_on_commit_callbacks).status_code == 429
    assert Subscriber.objects.count() == 10
    elsewhere = subscribe(
        "reader10@example.com", django_capture_on_commit_callbacks, ip="192.0.2.1"
    )
    assert elsewhere.status_code == 303


@pytest.mark.django_db
def test_behind_the_proxy_the_limit_counts_each_client_not_the_proxy(
    settings, django_capture_on_commit_callbacks
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "subscribe": "1/h/ip"}
    capture = django_capture_on_commit_callbacks
    proxy = "10.0.0.2"
    first = {"HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    second = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert subscribe("a@example.com", capture, ip=proxy, **first).status_code == 303
    assert subscribe("b@example.com", capture, ip=proxy, **second).status_code == 303
    assert subscribe("c@example.com", capture, ip=proxy, **first).status_code == 429
    assert Subscriber.objects.get(email="a@example.com").requested_ip == "203.0.113.1"


@pytest.mark.django_db
def test_with_the_cache_down_subscribing_still_works(
    limits_cache_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.WARNING, logger="limits.rates"):
        for number in range(12):
            response = subscribe(f"r{number}@example.com", django_capture_on_commit_callbacks)
            assert response.status_code == 303
    assert Subscriber.objects.count() == 12
    assert "Rate limit skipped: the cache is unavailable" in caplog.text


@pytest.mark.django_db
@pytest.mark.redis
def test_on_redis_the_inbox_limit_is_shared_by_every_client(django_capture_on_commit_callbacks):
    for number, email in enumerate(SPELLINGS[:3]):
        subscribe(email, django_capture_on_commit_callbacks, ip=f"192.0.2.{number}")
    refused = subscribe(SPELLINGS[3], django_capture_on_commit_callbacks, ip="192.0.2.9")
    assert refused.status_code == 429


def test_the_address_is_kept_as_typed_and_its_inbox_beside_it(db):
    subscriber = Subscriber.objects.create(email="a.da+news@gmail.com")
    assert subscriber.mailbox == "ada@gmail.com"
    subscriber.email = "grace@example.com"
    subscriber.save(update_fields=["email"])
    subscriber.refresh_from_db()
    assert subscriber.mailbox == "grace@example.com"
