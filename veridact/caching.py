"""Server-side caching of public pages for anonymous readers, with explicit invalidation.

A cached page's key holds two version numbers: one for the whole site, bumped when
anything many pages show changes (an article, a category, an author), and one for the
page's path, bumped when only that page changes (an article's discussion, say). Bumping a
version orphans the old entries, which then expire on their own. Signed-in readers, and
pages that used a CSRF token, set a cookie or carry a flash message, are never cached.
"""

import functools
import hashlib
import logging

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

SITE_SCOPE = "site"
# Browsers revalidate after a minute; shared caches (a CDN) keep pages for five.
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = 300


def _version_key(scope):
    return f"page-version:{scope}"


def invalidate(*paths):
    """Make cached pages stale: those at `paths` (with any query string), else every page."""
    for scope in paths or (SITE_SCOPE,):
        key = _version_key(scope)
        try:
            cache.incr(key)
        except ValueError:  # not set yet, or evicted
            cache.set(key, 2, timeout=None)


def _page_key(request):
    keys = [_version_key(SITE_SCOPE), _version_key(request.path)]
    versions = cache.get_many(keys)
    stamp = ".".join(str(versions.get(key, 1)) for key in keys)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{stamp}:{request.method}:{path}"


def _cacheable_request(request):
    return (
        request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
    )


def _mark_public(response):
    patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=SHARED_MAX_AGE)
    patch_vary_headers(response, ["Cookie"])
    return response


def cache_public_page():
    """Cache a view's page for anonymous readers until it expires or is invalidated."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                response = view(request, *args, **kwargs)
                if request.user.is_authenticated:
                    patch_cache_control(response, private=True)
                return response
            key = _page_key(request)
            cached = cache.get(key)
            if cached is not None:
                return _mark_public(cached)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _cacheable_response(request, response):
                cache.set(key, response, timeout=SHARED_MAX_AGE)
                return _mark_public(response)
            return response

        return wrapper

    return decorator
