"""The versions that say whether a cached copy is current (pagecache.versions)."""

import threading

import pytest
from django.core.cache import cache

from pagecache.versions import invalidate, version_key


def test_an_invalidation_moves_each_scope_it_names_and_no_other():
    invalidate("one", "two", "three")
    before = cache.get_many([version_key(s) for s in ("one", "two", "three")])
    invalidate("one", "two")
    after = cache.get_many([version_key(s) for s in ("one", "two", "three")])

    assert after[version_key("one")] != before[version_key("one")]
    assert after[version_key("two")] != before[version_key("two")]
    assert after[version_key("three")] == before[version_key("three")]


def test_a_scope_the_cache_lost_gets_a_version_above_the_ones_before():
    invalidate("lost")
    earlier = cache.get(version_key("lost"))
    cache.delete(version_key("lost"))
    invalidate("lost")
    assert cache.get(version_key("lost")) > earlier


def test_each_invalidation_moves_a_scope_though_the_clock_stands_still(time_machine):
    time_machine.move_to("2026-12-03 12:00:00+00:00", tick=False)
    seen = set()
    for _ in range(3):
        invalidate("still")
        seen.add(cache.get(version_key("still")))
    assert len(seen) == 3


@pytest.mark.redis
def test_on_redis_a_reader_never_sees_one_scope_moved_and_not_the_other(settings):
    """An article edit moves its own scope and its category's; the article page depends on
    both. Read between two separate moves, it would be rendered twice for one edit."""
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend == "veridact.circuit_breaker.CircuitBreakerRedisCache"
    keys = [version_key("article:tech/one"), version_key("category-articles:tech")]
    invalidate("article:tech/one", "category-articles:tech")
    seen, done = [], threading.Event()

    def read():
        while not done.is_set():
            found = cache.get_many(keys)
            seen.append((found[keys[0]], found[keys[1]]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(300):
            invalidate("article:tech/one", "category-articles:tech")
    finally:
        done.set()
        reader.join()

    assert len({first for first, _ in seen}) > 1  # the reader saw the versions move
    assert all(first == second for first, second in seen)
