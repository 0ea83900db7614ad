"""Versions that say whether a cached page or part is still current, and their invalidation.

Every cached page and part is stored with the version numbers of the scopes it depends on; a
stored copy whose versions are not the current ones is a miss. Bumping a scope's version
therefore makes stale, at once, everything that depends on it, wherever it is stored.
"""

from django.conf import settings
from django.core.cache import cache

from pagecache.local import forget_local_pages

SITE_SCOPE = "site"


def forget_everything():
    """Drop every cached page and part, here and in the shared cache (a restore, a deploy)."""
    if settings.REDIS_URL:
        cache.delete_pattern("*")  # this site's keys only; the Celery broker's stay
    else:
        cache.clear()
    forget_local_pages()


def version_key(scope):
    """The cache key holding a scope's version: a page's path or a fragment group's name."""
    return f"page-version:{scope}"


def invalidate(*paths, scopes=()):
    """Make cached pages stale: those at `paths` (with any query string), else every page.

    `scopes` names groups of cached fragments (see `version_key`) to make stale as well.
    """
    forget_local_pages()
    for scope in [*(paths or [SITE_SCOPE]), *scopes]:
        key = version_key(scope)
        try:
            cache.incr(key)
        except ValueError:  # not set yet, or evicted
            cache.set(key, 2, timeout=None)
