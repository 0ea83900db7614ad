"""Each worker process's own copies of the pages it served in the last couple of seconds.

A popular page then costs no round trip to the shared cache at all; an invalidation reaches
the other workers within CACHE_PUBLIC_PAGES_LOCALLY seconds, and this one at once: it drops
the copies that depend on what changed, and keeps the others.
"""

import collections
import threading
import time

from django.conf import settings

LOCAL_PAGES = 256
_local_pages = collections.OrderedDict()  # page key -> (deadline, entry, scopes)
_local_lock = threading.Lock()  # gthread workers serve several requests at once


def local_get(key):
    """This process's copy of a page entry, if it has a fresh one."""
    with _local_lock:
        item = _local_pages.get(key)
        if item is None:
            return None
        deadline, entry, _ = item
        if deadline < time.monotonic():
            del _local_pages[key]
            return None
        _local_pages.move_to_end(key)
        return entry


def local_put(key, entry, scopes):
    """Keep a page entry, which depends on `scopes`, in this process for
    CACHE_PUBLIC_PAGES_LOCALLY seconds."""
    seconds = settings.CACHE_PUBLIC_PAGES_LOCALLY
    if not seconds:
        return
    with _local_lock:
        _local_pages[key] = (time.monotonic() + seconds, entry, frozenset(scopes))
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.popitem(last=False)


def forget_local_pages(scopes=None):
    """Drop this process's copies of the pages that depend on one of `scopes`, or of all."""
    with _local_lock:
        if scopes is None:
            _local_pages.clear()
            return
        changed = frozenset(scopes)
        for key in [key for key, (_, _, kept) in _local_pages.items() if kept & changed]:
            del _local_pages[key]
