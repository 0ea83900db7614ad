"""Sign-in and sign-up limits: counted per client address, generous per account, never a lockout.

Allauth keeps these limits; the site sets their numbers (ACCOUNT_RATE_LIMITS), tells allauth
which address is the client's, answers 429 and lets them fail open like its own.
"""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.factories import ReaderFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def sign_up(client, email, **headers):
    password = "a-long-and-unusual-passphrase"
    data = {"email": email, "display_name": "New", "password1": password, "password2": password}
    return client.post(reverse("account_signup"), data, **headers)


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out():
    editor = ReaderFactory(is_staff=True)
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(10):
        assert sign_in(attacker, editor.email, "guess").status_code == 200
    refused = sign_in(attacker, editor.email, "guess")
    assert refused.status_code == 429
    assert "Too many failed login attempts" in refused.content.decode()
    # The attacker's address is refused even with the right password …
    assert sign_in(attacker, editor.email, PASSWORD).status_code == 429
    # … while the editor, from their own address, signs in at once.
    owner = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(owner, editor.email, PASSWORD).status_code == 302
    assert owner.session["_auth_user_id"] == str(editor.pk)


def test_an_account_takes_100_failures_an_hour_from_many_addresses_before_it_is_held():
    reader, bystander = ReaderFactory(), ReaderFactory()
    for network in range(10):
        guesser = Client(REMOTE_ADDR=f"192.0.2.{network + 1}")
        for _ in range(10):
            assert sign_in(guesser, reader.email, "guess").status_code == 200
    newcomer = Client(REMOTE_ADDR="198.51.100.30")
    assert sign_in(newcomer, reader.email, PASSWORD).status_code == 429
    # The per-account count holds that account only.
    assert sign_in(newcomer, bystander.email, PASSWORD).status_code == 302


def test_sign_ups_are_limited_per_client_address(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    first = Client(REMOTE_ADDR="203.0.113.10")
    for number in range(2):
        assert sign_up(first, f"n{number}@example.com").status_code == 302
    refused = sign_up(first, "n2@example.com")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert sign_up(Client(REMOTE_ADDR="203.0.113.11"), "other@example.com").status_code == 302
    assert User.objects.count() == 3


def test_without_trusted_proxies_a_forged_forwarded_for_escapes_no_limit(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    client = Client(REMOTE_ADDR="203.0.113.10")
    statuses = [
        sign_up(client, f"n{n}@example.com", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_behind_one_proxy_readers_sharing_it_have_their_own_limits(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}
    proxy = Client(REMOTE_ADDR="10.0.0.2")  # every request reaches the site from the proxy
    alice, bob = {"HTTP_X_FORWARDED_FOR": "203.0.113.1"}, {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert sign_up(proxy, "alice@example.com", **alice).status_code == 302
    assert sign_up(proxy, "bob@example.com", **bob).status_code == 302
    # Alice forging the header: the proxy's entry, her real address, is still the right-most.
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.99, 203.0.113.1"}
    assert sign_up(proxy, "alice2@example.com", **forged).status_code == 429


class BrokenCache:
    """The cache as django-redis with IGNORE_EXCEPTIONS answers when Redis is down."""

    def add(self, *args, **kwargs):
        return None

    def get(self, key, default=None, **kwargs):
        return default

    def set(self, *args, **kwargs):
        return None

    delete = incr = set


def test_with_the_cache_down_readers_still_sign_in_and_up(monkeypatch, caplog):
    monkeypatch.setattr("allauth.core.internal.ratelimit.cache", BrokenCache())
    monkeypatch.setattr("allauth.core.internal.ratelimit.CACHE_LOCK_WAIT_TIMEOUT", 0.05)
    monkeypatch.setattr("limits.rates.cache", BrokenCache())
    reader = ReaderFactory()
    client = Client(REMOTE_ADDR="203.0.113.5")
    with caplog.at_level(logging.WARNING, logger="accounts.adapter"):
        assert sign_in(client, reader.email, PASSWORD).status_code == 302
        assert sign_up(Client(), "new@example.com").status_code == 302
    assert "Rate limit login skipped: the cache is unavailable" in caplog.text
    assert "Rate limit signup skipped" in caplog.text


@pytest.mark.redis
def test_with_redis_unreachable_readers_still_sign_in(settings, caplog):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"},
    }
    reader = ReaderFactory()
    with caplog.at_level(logging.WARNING, logger="accounts.adapter"):
        assert sign_in(Client(), reader.email, PASSWORD).status_code == 302
    assert "Rate limit login_failed skipped: the cache is unavailable" in caplog.text


@pytest.mark.redis
def test_on_redis_the_limits_hold_across_clients(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend == "veridact.circuit_breaker.CircuitBreakerRedisCache"
    reader = ReaderFactory()
    for _ in range(10):
        sign_in(Client(REMOTE_ADDR="203.0.113.70"), reader.email, "guess")
    assert sign_in(Client(REMOTE_ADDR="203.0.113.70"), reader.email, PASSWORD).status_code == 429
    assert sign_in(Client(REMOTE_ADDR="203.0.113.71"), reader.email, PASSWORD).status_code == 302
