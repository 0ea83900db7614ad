"""URLs reversed once: the same name and arguments always make the same path.

Reversing a URL walks the URLconf's patterns and quotes each argument: about 20 µs, and a
home page links to its articles and categories some thirty times (a tenth of its render
with nothing cached). The paths are kept for each URLconf and script prefix (both can
change per request or per test), for the links made most often.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

# A path is about 100 bytes: the newest few thousand articles' links in a megabyte.
SIZE = 10_000


@functools.lru_cache(maxsize=SIZE)
def _reversed(viewname, args, urlconf, prefix):
    return reverse(viewname, urlconf=urlconf, args=args)


def cached_reverse(viewname, *args):
    """`reverse(viewname, args=args)`, remembered; the arguments must be hashable."""
    return _reversed(viewname, args, get_urlconf(), get_script_prefix())


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    # A test changing the URLconf or the script name: Django forgets its own caches too.
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reversed.cache_clear()
