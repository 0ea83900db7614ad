"""Benchmark settings with every cache disabled, to measure pages rendered from scratch."""

from bench.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
