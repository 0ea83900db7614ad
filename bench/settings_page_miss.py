"""Benchmark settings where every page misses the page cache; lower cache layers stay on."""

from bench.settings import *  # noqa: F403

CACHE_PUBLIC_PAGES = False
CACHE_PUBLIC_PAGES_LOCALLY = 0
