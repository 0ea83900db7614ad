"""Comment limits live in the shared cache; a cache outage lets comments through, logged."""

import logging
import threading

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Comment
from accounts.ratelimit import Limit, consume_comment_allowance

NOW = 1_800_000_000.0  # a fixed instant, aligned with no window boundary in particular


def test_default_limits_are_5_in_10_minutes_and_50_a_day(settings):
    assert settings.COMMENT_RATE_LIMITS == [(5, 600), (50, 86400)]
    assert Limit(5, 600).describe() == "5 comments in 10 minutes"
    assert Limit(50, 86400).describe() == "50 comments a day"


def test_sixth_comment_in_ten_minutes_goes_over():
    results = [consume_comment_allowance(user_id=1, now=NOW + n) for n in range(6)]
    assert results[:5] == [None] * 5
    assert results[5] == Limit(5, 600)


def test_next_window_allows_again():
    for n in range(6):
        consume_comment_allowance(user_id=1, now=NOW + n)
    assert consume_comment_allowance(user_id=1, now=NOW + 601) is None


def test_readers_have_separate_allowances():
    for n in range(5):
        consume_comment_allowance(user_id=1, now=NOW + n)
    assert consume_comment_allowance(user_id=2, now=NOW) is None


def test_fifty_first_comment_in_a_day_goes_over():
    day_start = (NOW // 86400) * 86400
    results = [consume_comment_allowance(user_id=1, now=day_start + n * 700) for n in range(51)]
    assert all(result is None for result in results[:50])
    assert results[50] == Limit(50, 86400)


class BrokenCache:
    def add(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    incr = set = add


def test_cache_down_allows_and_logs(monkeypatch, caplog):
    monkeypatch.setattr("accounts.ratelimit.cache", BrokenCache())
    with caplog.at_level(logging.WARNING, logger="accounts.ratelimit"):
        results = [consume_comment_allowance(user_id=1, now=NOW) for _ in range(10)]
    assert results == [None] * 10
    assert "Comment rate limit skipped" in caplog.text


@pytest.mark.django_db
def test_cache_down_still_posts_the_comment_never_a_500(
    monkeypatch, reader_client, article, caplog
):
    monkeypatch.setattr("accounts.ratelimit.cache", BrokenCache())
    url = reverse("accounts:comment_post", args=[article.pk])
    for number in range(7):
        response = reader_client.post(url, {"body": f"Number {number}"})
        assert response.status_code == 302
    assert Comment.objects.count() == 7
    assert "cache is unavailable" in caplog.text


@pytest.mark.redis
def test_on_redis_the_counter_is_atomic_across_threads(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    results = []
    lock = threading.Lock()

    def attempt():
        outcome = consume_comment_allowance(user_id=42, now=NOW)
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
def test_on_redis_the_counter_expires_with_its_window(settings):
    consume_comment_allowance(user_id=7, now=NOW)
    key = f"comment-rate:7:600:{int(NOW // 600)}"
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
        assert consume_comment_allowance(user_id=1, now=NOW) is None
    assert "Comment rate limit skipped" in caplog.text
