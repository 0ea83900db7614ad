"""The cache's django-redis client reads back every kind of value as it was stored."""

import pytest
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from veridact.cache_client import CacheClient

pytestmark = pytest.mark.redis

VALUES = {
    "count": 42,
    "negative": -7,
    "zero": 0,
    "digits as text": "123",  # pickled: a string, not the number
    "minus as text": "-",
    "bytes": b"\x80\x05binary",
    "empty text": "",
    "nothing": None,
    "a float": 1.5,
    "a flag": True,
    "a part": {"version": (1, 2), "content": mark_safe("<p>Outlook</p>")},  # noqa: S308
    "big text": "x" * 50_000,
}


def test_the_site_cache_reads_with_the_fast_client():
    assert isinstance(cache.client, CacheClient)


def test_every_kind_of_value_comes_back_as_stored():
    cache.set_many(VALUES)
    for key, value in VALUES.items():
        assert cache.get(key, default="missing") == value, key
    found = cache.get_many(list(VALUES))
    assert found == VALUES
    assert type(found["a flag"]) is bool and type(found["a float"]) is float
    assert type(found["a part"]["content"]) is SafeString


def test_counters_still_count_in_redis():
    cache.set("hits", 1)
    assert cache.incr("hits") == 2
    assert cache.get_many(["hits"]) == {"hits": 2}
