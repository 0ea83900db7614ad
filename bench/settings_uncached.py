"""Benchmark settings with no cache layer at all, to measure pages rendered from scratch."""

from bench.settings import *  # noqa: F403

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "local": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
CACHE_PUBLIC_PAGES = False
CACHE_PUBLIC_PAGES_LOCALLY = 0
