"""Server-side caching of public pages for anonymous readers, with explicit invalidation.

A cached page is stored with the versions of the scopes its URL name depends on, as
`pagecache.dependencies` declares them ("the published articles", "this article's
discussion"): services bump the versions of the scopes they change, and a stored page whose
versions are not the current ones is a miss. The versions and the page come back in one
round trip to the cache, and each worker process keeps the pages it served for a couple of
seconds, so a popular page costs no round trip at all. Signed-in readers, and pages that
used a CSRF token, set a cookie or carry a flash message, are never cached.

A page's key is its path and the query parameters its view declares, each in the one
form its view gives it (`cache_public_page(query={"page": page_number})`): any other
parameter (`utm_source`, `fbclid`, a cache-buster) does not change the key, so such a
request is served the page stored for the clean address, and a nonsense value (`page=abc`)
is the same page as no value. The view sees only what the key holds (`request.GET` holds
the declared parameters alone, in that form), so what is stored under a key is always
what the key says. A value of the right form that names nothing (a page past the last,
a category that does not exist) redirects to what the view can show, and redirects are
never stored: the entries a path can have are bounded by its data.
The middleware runs before the URL is resolved, so it cannot ask the view what it
declares, nor the URL which scopes it depends on: each worker learns both for a path the
first time the path's view runs there, and until then the decorator, which knows, looks the
page up itself.
"""

import collections
import functools
import gzip
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers

from pagecache import dependencies
from pagecache.local import local_get, local_put
from pagecache.params import ShowInstead
from pagecache.versions import current_versions, version_key

logger = logging.getLogger(__name__)

# Says how the page cache served a page: "hit", "stale" (while another request renders it
# again) or "miss" (rendered for this request).
STATE_HEADER = "X-Page-Cache"
# A stored page is current this long at most; a change makes it stale at once
# (pagecache.versions). What browsers and a CDN may keep is settings.PUBLIC_PAGE_CACHE_CONTROL.
SHARED_MAX_AGE = 300
# Redis keeps it this much longer, to give readers while one request renders it again.
STALE_KEPT = SHARED_MAX_AGE


def _declared(request, query):
    """The request's declared parameters as its key holds them: one value each, parsed."""
    declared = QueryDict(mutable=True)
    for name, parse in sorted(query.items()):
        raw = request.GET.get(name)
        value = None if raw is None else parse(raw)
        if value is not None:
            declared[name] = value
    declared._mutable = False
    return declared


def _scopes(request):
    """The scopes the requested page depends on, as `dependencies.PAGES` declares them."""
    match = request.resolver_match
    if match is None:  # a view called without URL resolution: a test's own
        return ()
    if match.view_name not in dependencies.PAGES:
        raise ImproperlyConfigured(
            f"The cached page {match.view_name!r} is not declared in pagecache.dependencies.PAGES."
        )
    return tuple(sorted(set(dependencies.page_scopes(match.view_name, match.captured_kwargs))))


# The parameters each path's view declares and the scopes its page depends on, as this
# worker has learned them (see above).
KNOWN_PATHS = 4096
_paths = collections.OrderedDict()  # path -> ({parameter name: parse}, scopes)
_paths_lock = threading.Lock()


def _learn(path, query, scopes):
    with _paths_lock:
        _paths[path] = (query, scopes)
        _paths.move_to_end(path)
        while len(_paths) > KNOWN_PATHS:
            _paths.popitem(last=False)


def _known(path):
    """The query and scopes learned for a path, or None."""
    with _paths_lock:
        known = _paths.get(path)
        if known is not None:
            _paths.move_to_end(path)
        return known


def _page_key(request, params):
    address = f"{request.path}?{params.urlencode()}"
    return f"page:{request.method}:{hashlib.sha256(address.encode()).hexdigest()}"


def _lookup(request, params, scopes):
    """Return (the cached page or None, the current versions, the page's key).

    A stale page is returned instead of None while another request renders it again (see
    `_claim_render`); this request then claimed nothing.
    """
    page_key = _page_key(request, params)
    entry = local_get(page_key)
    if entry is None:
        version_keys = [version_key(scope) for scope in scopes]
        found = cache.get_many([*version_keys, page_key])
        versions = current_versions(version_keys, found)
        entry = found.get(page_key)
        if entry is None:
            return None, versions, page_key
        if not _current(entry, versions):
            if not _claim_render(request, page_key):
                return _response(request, entry, "stale"), versions, page_key
            # Another request may have rendered it and let go of its claim since the read.
            entry = cache.get(page_key)
            if entry is None or not _current(entry, versions):
                return None, versions, page_key
            _release_render(request)
        local_put(page_key, entry, scopes)
    else:
        versions = entry["versions"]
    return _response(request, entry, "hit"), versions, page_key


def _current(entry, versions):
    """Whether a stored page is current: stored under these versions, and not too old."""
    return entry["versions"] == versions and time.time() < entry.get("fresh_until", 0)


# After an invalidation, or once its copy is SHARED_MAX_AGE old, one request renders a page
# again, while the others are served the copy it replaces: with 64 readers at once on the home
# page, one render instead of up to one for each thread. The claim lapses after this long if
# its render never finishes.
RENDER_CLAIM_SECONDS = 10


def _claim_key(page_key):
    return f"page-render:{page_key}"


def _claim_render(request, page_key):
    """Whether this request is to render a stale page again: no other is doing it now."""
    claimed = cache.add(_claim_key(page_key), 1, timeout=RENDER_CLAIM_SECONDS)
    if claimed is False:
        return False
    # None: a cache that swallows its errors is down, and this request renders as all do.
    request._page_render_claim = _claim_key(page_key) if claimed else None
    return True


def _release_render(request):
    claim = getattr(request, "_page_render_claim", None)
    if claim:
        cache.delete(claim)
        request._page_render_claim = None


def _response(request, entry, state):
    """The stored page as a response, marked with how the page cache served it."""
    # Pages are stored gzipped (a fifth of the size to move and keep) and sent as they are
    # to the clients that accept it, which is every browser. They hold nothing secret
    # (no CSRF token, nobody's name), so compression leaks nothing (BREACH).
    if _accepts_gzip(request):
        response = HttpResponse(entry["gzipped"], status=entry["status"])
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(entry["gzipped"]), status=entry["status"])
    for header, value in entry["headers"]:
        response[header] = value
    response["Content-Length"] = str(len(response.content))
    response[STATE_HEADER] = state
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _store(page_key, versions, scopes, response):
    entry = {
        "versions": versions,
        "fresh_until": time.time() + SHARED_MAX_AGE,
        "status": response.status_code,
        "gzipped": gzip.compress(response.content, compresslevel=6),
        "headers": [
            (header, value)
            for header, value in response.items()
            if header.lower() not in {"content-length", "content-encoding"}
        ],
    }
    cache.set(page_key, entry, timeout=SHARED_MAX_AGE + STALE_KEPT)
    local_put(page_key, entry, scopes)


def public_request(request):
    """Whether the page cache may keep the page for this request: an anonymous reader's
    GET or HEAD with no flash message to show."""
    return (
        request.method in {"GET", "HEAD"}
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def _anonymous_by_cookies(request):
    """Whether a request is surely an anonymous reader's with no flash message, from its
    cookies alone: signed-in readers and session-kept messages need the session cookie, the
    other messages their own. (One that carries either is decided by the decorator.)"""
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
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
    patch_cache_control(response, public=True, **settings.PUBLIC_PAGE_CACHE_CONTROL)
    patch_vary_headers(response, ["Cookie"])
    return response


def _serve(response):
    """A stored page as served: public, but not to be kept by anyone when it is stale."""
    _mark_public(response)
    if response[STATE_HEADER] == "stale":
        patch_cache_control(response, max_age=0, s_maxage=0)
    return response


def cache_public_page(*, query=None):
    """Cache a view's page for anonymous readers until it expires or is invalidated.

    `query` maps each query parameter the view reads to a function turning its raw value
    into the one form the view is given, or None when it means the same as no value.
    """
    query = dict(query or {})

    def decorator(view):
        def shown(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except ShowInstead as instead:
                return instead.redirect(request)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            # Signed-in readers' views get the same parameters, so both see the same page.
            request.GET = params = _declared(request, query)
            scopes = _scopes(request)
            _learn(request.path, query, scopes)
            if not public_request(request):
                # Personal: a signed-in reader's page, or one carrying a flash message.
                response = shown(request, *args, **kwargs)
                if request.method in {"GET", "HEAD"}:
                    patch_cache_control(response, private=True)
                return response
            enabled = settings.CACHE_PUBLIC_PAGES
            cached = versions = key = None
            if enabled:
                looked = getattr(request, "_page_cache_miss", None)
                if looked and looked[1] == _page_key(request, params):
                    versions, key = looked  # the middleware looked already, and missed
                else:
                    cached, versions, key = _lookup(request, params, scopes)
            if cached is not None:
                return _serve(cached)
            try:
                response = shown(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                if _cacheable_response(request, response):
                    if enabled:
                        _store(key, versions, scopes, response)
                        response[STATE_HEADER] = "miss"
                    return _mark_public(response)
                return response
            finally:
                _release_render(request)

        wrapper.caches_public_page = True  # pagecache.dependencies must declare its URL
        return wrapper

    return decorator


class PublicPageCacheMiddleware:
    """Serve a cached page before the URL is even resolved; the decorator stores pages.

    Only pages a `cache_public_page` view stored can be found, so this serves nothing the
    views would not, and only at paths whose view this worker has seen (the key needs the
    parameters it declares). It sits above the session, authentication and message
    middleware, which a hit skips: it serves only requests that carry no session and no
    message cookie, which those would find anonymous and without messages. Middleware that
    adds headers to every response sits above it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        known = _known(request.path)
        if known is not None and settings.CACHE_PUBLIC_PAGES and _anonymous_by_cookies(request):
            query, scopes = known
            cached, versions, key = _lookup(request, _declared(request, query), scopes)
            if cached is not None:
                return _serve(cached)
            request._page_cache_miss = (versions, key)
        return self.get_response(request)
