"""One setting, TRUSTED_PROXY_COUNT, decides the client's address for every limit and record."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from limits.client_ip import client_ip
from newsletter import tokens
from newsletter.models import Subscriber
from tests.newsletter.factories import SubscriberFactory


def request(remote="10.0.0.2", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_the_default_is_no_proxy(settings):
    assert settings.TRUSTED_PROXY_COUNT == 0
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0


def test_without_proxies_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.5", forwarded="198.51.100.1")) == "203.0.113.5"
    assert client_ip(request("203.0.113.5")) == "203.0.113.5"


def test_behind_one_proxy_the_right_most_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded="203.0.113.5")) == "203.0.113.5"
    # Whatever the client wrote itself stays on the left, unread.
    assert client_ip(request(forwarded="1.2.3.4, 198.51.100.9 ,203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.5, 10.0.0.9")) == "203.0.113.5"
    # A request that met only the inner proxy: its one entry is the client.
    assert client_ip(request(forwarded="203.0.113.5")) == "203.0.113.5"


def test_behind_a_proxy_a_request_without_the_header_is_its_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("203.0.113.5")) == "203.0.113.5"
    assert client_ip(request("203.0.113.5", forwarded=" , ")) == "203.0.113.5"


def test_ports_brackets_and_ipv6_forms_are_understood(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request(forwarded="203.0.113.5:4711")) == "203.0.113.5"
    assert client_ip(request(forwarded="[2001:DB8::1]:443")) == "2001:db8::1"
    assert client_ip(request(forwarded="2001:db8:0:0::1")) == "2001:db8::1"


def test_a_garbled_entry_falls_back_to_the_connection_never_an_error(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", forwarded="unknown")) == "10.0.0.2"
    assert client_ip(request("10.0.0.2", forwarded="<script>")) == "10.0.0.2"
    assert client_ip(request("", forwarded="")) is None


@pytest.fixture
def pending(db):
    return SubscriberFactory(status=Subscriber.Status.PENDING, consent_at=None, consent_ip=None)


def confirm(pending, capture, **headers):
    url = reverse("newsletter:confirm", args=[tokens.confirm_token(pending)])
    with capture(execute=True):
        assert Client(**headers).post(url).status_code == 200
    pending.refresh_from_db()
    return pending.consent_ip


def test_consent_records_the_client_behind_the_proxy(
    settings, pending, django_capture_on_commit_callbacks
):
    settings.TRUSTED_PROXY_COUNT = 1
    headers = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.44"}
    assert confirm(pending, django_capture_on_commit_callbacks, **headers) == "203.0.113.44"


def test_consent_without_a_proxy_records_the_connection_not_a_forged_header(
    settings, pending, django_capture_on_commit_callbacks
):
    settings.TRUSTED_PROXY_COUNT = 0
    headers = {"REMOTE_ADDR": "198.51.100.8", "HTTP_X_FORWARDED_FOR": "203.0.113.44"}
    assert confirm(pending, django_capture_on_commit_callbacks, **headers) == "198.51.100.8"
