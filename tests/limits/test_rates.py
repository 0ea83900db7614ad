"""Limits live in the shared cache, count per subject and window, and fail open, logged."""

import logging
import threading

import pytest
from django.core.cache import cache

from limits import rates
from limits.rates import Exceeded, Rate

NOW = 1_800_000_000.0  # a fixed instant, aligned with no window boundary in particular


def test_the_notation_is_allauths():
    assert rates.parse("5/10m/user, 50/d/user") == [Rate(5, 600, "user"), Rate(50, 86400, "user")]
    assert rates.parse("10/h/ip,3/30s/mailbox") == [Rate(10, 3600, "ip"), Rate(3, 30, "mailbox")]


def test_every_limit_in_settings_parses_and_names_a_subject(settings):
    actions = {"comment", "comment_draft", "report", "forecast", "subscribe"}
    assert set(settings.RATE_LIMITS) == actions
    for action in settings.RATE_LIMITS:
        assert all(rate.per in {"user", "ip", "mailbox"} for rate in rates.for_action(action))


def test_the_numbers_are_those_the_readme_lists(settings):
    # README's "Limits" table (and docs/security.md) show these; change them together.
    assert settings.RATE_LIMITS == {
        "comment": "5/10m/user,50/d/user",
        "comment_draft": "10/10m/ip,50/d/ip",
        "report": "5/10m/user,20/d/user",
        "forecast": "10/m/user,100/d/user",
        "subscribe": "10/h/ip,30/d/ip,3/h/mailbox,5/d/mailbox",
    }
    allauth = settings.ACCOUNT_RATE_LIMITS
    assert allauth["login_failed"] == "10/m/ip,30/h/ip,100/h/key"
    assert allauth["signup"] == "10/h/ip,30/d/ip"
    assert allauth["login"] == "30/m/ip"
    assert allauth["reset_password"] == "20/h/ip,3/h/key"


def test_comment_limits_are_5_in_10_minutes_and_50_a_day():
    assert rates.for_action("comment") == [Rate(5, 600, "user"), Rate(50, 86400, "user")]
    assert Rate(5, 600, "user").period == "in 10 minutes"
    assert Rate(50, 86400, "user").period == "a day"
    assert Rate(3, 3600, "ip").period == "an hour"
    assert Rate(3, 7200, "ip").period == "in 2 hours"
    assert Rate(10, 60, "user").period == "a minute"
    assert Rate(1, 90, "user").period == "in 90 seconds"


def test_sixth_comment_in_ten_minutes_goes_over_and_says_when_to_come_back():
    results = [rates.consume("comment", user=1, now=NOW + n) for n in range(6)]
    assert results[:5] == [None] * 5
    window_end = (NOW // 600 + 1) * 600
    assert results[5] == Exceeded(Rate(5, 600, "user"), retry_after=int(window_end - NOW - 5))


def test_next_window_allows_again():
    for n in range(6):
        rates.consume("comment", user=1, now=NOW + n)
    assert rates.consume("comment", user=1, now=NOW + 601) is None


def test_subjects_and_actions_have_separate_counters():
    for n in range(5):
        rates.consume("comment", user=1, now=NOW + n)
    assert rates.consume("comment", user=2, now=NOW) is None
    assert rates.consume("report", user=1, now=NOW) is None


def test_fifty_first_comment_in_a_day_goes_over():
    day_start = (NOW // 86400) * 86400
    results = [rates.consume("comment", user=1, now=day_start + n * 700) for n in range(51)]
    assert all(result is None for result in results[:50])
    assert results[50].rate == Rate(50, 86400, "user")


def test_a_missing_subject_skips_its_rates(settings):
    settings.RATE_LIMITS = {"subscribe": "1/h/ip,5/h/mailbox"}
    for _ in range(3):
        assert rates.consume("subscribe", ip=None, mailbox="a@example.com", now=NOW) is None


def test_ipv6_clients_count_by_their_64():
    assert rates.ip_subject("2001:db8:1:2:aaaa::1") == rates.ip_subject("2001:db8:1:2::ffff")
    assert rates.ip_subject("2001:db8:1:3::1") != rates.ip_subject("2001:db8:1:2::1")
    assert rates.ip_subject("203.0.113.7") == "203.0.113.7"
    assert rates.ip_subject(None) is None


def test_wait_time_reads_well():
    assert rates.wait_time(12) == "a minute"
    assert rates.wait_time(61) == "2 minutes"
    assert rates.wait_time(3600) == "an hour"
    assert rates.wait_time(3601) == "2 hours"


def test_cache_down_allows_and_logs(limits_cache_down, caplog):
    with caplog.at_level(logging.WARNING, logger="limits.rates"):
        results = [rates.consume("comment", user=1, now=NOW) for _ in range(10)]
    assert results == [None] * 10
    assert "Rate limit skipped: the cache is unavailable" in caplog.text
    assert not rates.cache_available()


@pytest.mark.redis
def test_on_redis_the_counter_is_atomic_across_threads(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend == "veridact.circuit_breaker.CircuitBreakerRedisCache"
    results = []
    lock = threading.Lock()

    def attempt():
        outcome = rates.consume("comment", user=42, now=NOW)
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(None) == 5
    assert len(results) == 20


@pytest.mark.redis
def test_on_redis_the_counter_expires_with_its_window():
    rates.consume("comment", user=7, now=NOW)
    key = rates._key("comment", Rate(5, 600, "user"), 7, int(NOW // 600))
    assert cache.get(key) == 1
    assert 600 <= cache.ttl(key) <= 660


@pytest.mark.redis
def test_redis_unreachable_allows_and_logs(settings, caplog):
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    with caplog.at_level(logging.WARNING):
        assert rates.consume("comment", user=1, now=NOW) is None
        assert not rates.cache_available()
    assert "Rate limit skipped" in caplog.text
