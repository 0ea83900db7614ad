"""Versions that say whether a cached page or part is still current, and their invalidation.

Every cached page and part is stored with the versions of the scopes it depends on
(`pagecache.dependencies`); a stored copy whose versions are not the current ones is a miss.
Bumping a scope's version makes stale, at once, everything that depends on it, in every
worker: their own copies of pages last a couple of seconds (`pagecache.local`).
"""

import functools
import hashlib
import sys
import threading
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache

from pagecache.local import forget_local_pages
from pagecache.signals import pages_forgotten


def version_key(scope):
    """The cache key holding a scope's version."""
    return f"page-version:{scope}"


_last_version = 0
_last_version_lock = threading.Lock()


def _fresh_version():
    """A number no copy was stored with: the time in nanoseconds, above every earlier one
    this process gave (a clock that stands still or steps back gives no number twice). A
    version the cache lost (evicted, or never set) starts again above the ones before, so
    what was stored under those stays stale."""
    global _last_version
    with _last_version_lock:
        _last_version = max(time.time_ns(), _last_version + 1)
        return _last_version


def invalidate(*scopes):
    """Make stale every cached page and part that depends on one of `scopes`.

    Call it once the transaction that changed them has committed
    (`transaction.on_commit`), so that nothing renders the old data again under the new
    versions. Without scopes it does nothing: no scope covers the whole site.
    """
    if not scopes:
        return
    forget_local_pages(scopes)
    # All at once (one MULTI on Redis): a page depending on two of them is never rendered
    # between the two, under versions that are about to move again.
    fresh = _fresh_version()
    cache.set_many({version_key(scope): fresh for scope in scopes}, timeout=None)


def current_versions(keys, found):
    """The current versions under version `keys`, given what a `get_many` of them `found`.

    Versions the cache does not hold are set to a fresh one first (a round trip more, the
    first time a scope is asked for or after an eviction).
    """
    found, taken = dict(found), []
    fresh = _fresh_version()
    for key in keys:
        if key not in found:
            added = cache.add(key, fresh, timeout=None)
            if added is False:  # another request set it first
                taken.append(key)
            # None: a cache that swallows its errors is down, and nothing will be stored.
            found[key] = fresh if added else None
    if taken:
        found.update(cache.get_many(taken))
    return tuple(found[key] for key in keys)


def forget_everything():
    """Drop every cached page and part, here and in the shared cache (a restore, a deploy)."""
    if settings.CACHE_REDIS_URL:
        cache.delete_pattern("*")  # this site's keys only; the Celery broker's stay
    else:
        cache.clear()
    forget_local_pages()
    pages_forgotten.send(sender=forget_everything)


# What a rendering depends on besides the data, for what is kept longer than the cache
# keeps it (articles' rendered text): the site's own code and templates, the static files'
# hashed names and the addresses pages link to.
_CODE_SUFFIXES = {".py", ".html", ".txt", ".xml"}


@functools.cache
def deployed_stamp():
    """A fingerprint of the code, templates and settings that render pages, which any
    deploy changing one of them changes. Computed once a process (about 20 ms)."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR).resolve()
    folders = {Path(app.path).resolve() for app in apps.get_app_configs()}
    folders.update(
        Path(folder).resolve() for engine in settings.TEMPLATES for folder in engine.get("DIRS", ())
    )
    # Not the installed packages: a deploy upgrading them runs `forget_cached_pages`.
    installed = Path(sys.prefix).resolve()
    own = (folder for folder in folders if folder.is_relative_to(base))
    for folder in sorted(folder for folder in own if not folder.is_relative_to(installed)):
        for path in sorted(folder.rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "migrations" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = getattr(staticfiles_storage, "manifest_hash", "")  # with hashed names only
    for value in (manifest, settings.SITE_URL, settings.STATIC_URL, settings.MEDIA_URL):
        digest.update(str(value).encode())
    return digest.hexdigest()
