"""Server-side caching of public pages for anonymous readers, with explicit invalidation.

A cached page is stored with two version numbers: one for the whole site, bumped when
anything many pages show changes (an article, a category, an author), and one for the
page's path, bumped when only that page changes (an article's discussion, say). A stored
page whose versions are not the current ones is a miss. The versions and the page come
back in one round trip to the cache, and each worker process keeps the pages it served for
a couple of seconds, so a popular page costs no round trip at all. Signed-in readers, and
pages that used a CSRF token, set a cookie or carry a flash message, are never cached.

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
declares: each worker learns it for a path the first time the path's view runs there,
and until then the decorator, which knows, looks the page up itself.
"""

import collections
import functools
import gzip
import hashlib
import logging
import re
import threading
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.paginator import InvalidPage
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

SITE_SCOPE = "site"
# Redis keeps a page at most this long; a change makes it stale at once (the versions above).
# What browsers and a CDN may keep is settings.PUBLIC_PAGE_CACHE_CONTROL.
SHARED_MAX_AGE = 300


LOCAL_PAGES = 256
_local_pages = collections.OrderedDict()  # page key -> (deadline, entry)
_local_lock = threading.Lock()  # gthread workers serve several requests at once


def _local_get(key):
    with _local_lock:
        item = _local_pages.get(key)
        if item is None:
            return None
        deadline, entry = item
        if deadline < time.monotonic():
            del _local_pages[key]
            return None
        _local_pages.move_to_end(key)
        return entry


def _local_put(key, entry):
    seconds = settings.CACHE_PUBLIC_PAGES_LOCALLY
    if not seconds:
        return
    with _local_lock:
        _local_pages[key] = (time.monotonic() + seconds, entry)
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.popitem(last=False)


def forget_local_pages():
    """Drop this process's copies of cached pages."""
    with _local_lock:
        _local_pages.clear()


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


def page_number(raw):
    """A page number parameter: a whole number above 1, else the first page (None)."""
    try:
        number = int(raw)
    except ValueError:  # also a number too long to convert
        return None
    return str(number) if number > 1 else None


class ShowInstead(Exception):
    """Raised by a cached view asked for what its parameters cannot show.

    The decorator redirects to the same path with these parameters changed (None leaves
    one out), and to `fragment` on that page.
    """

    def __init__(self, fragment="", **params):
        super().__init__(params)
        self.fragment = fragment
        self.params = params

    def redirect(self, request):
        params = request.GET.copy()
        for name, value in self.params.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        query = f"?{params.urlencode()}" if params else ""
        fragment = f"#{self.fragment}" if self.fragment else ""
        return HttpResponseRedirect(f"{request.path}{query}{fragment}")


def existing_page(paginator, number, parameter="page"):
    """The page a `page_number` parameter asks for; past the last, the last (ShowInstead)."""
    try:
        return paginator.page(number or 1)
    except InvalidPage:
        last = paginator.num_pages
        raise ShowInstead(**{parameter: str(last) if last > 1 else None}) from None


def choice(*values, default=None):
    """A parameter taking one of `values`; `default`, like anything else, is left out."""

    def parse(raw):
        return raw if raw in values and raw != default else None

    return parse


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def slug(raw):
    """A parameter naming something by its slug; the view redirects when nothing has it."""
    return raw if SLUG.fullmatch(raw) else None


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


# The parameters each path's view declares, as this worker has learned them (see above).
KNOWN_PATHS = 4096
_path_queries = collections.OrderedDict()  # path -> {parameter name: parse}
_paths_lock = threading.Lock()


def _learn(path, query):
    with _paths_lock:
        _path_queries[path] = query
        _path_queries.move_to_end(path)
        while len(_path_queries) > KNOWN_PATHS:
            _path_queries.popitem(last=False)


def _known(path):
    with _paths_lock:
        query = _path_queries.get(path)
        if query is not None:
            _path_queries.move_to_end(path)
        return query


def _keys(request, params):
    address = f"{request.path}?{params.urlencode()}"
    page = hashlib.sha256(address.encode()).hexdigest()
    return version_key(SITE_SCOPE), version_key(request.path), f"page:{request.method}:{page}"


def _lookup(request, params):
    """Return (the cached page or None, the current versions, the page's key)."""
    site_key, path_key, page_key = _keys(request, params)
    entry = _local_get(page_key)
    if entry is None:
        found = cache.get_many([site_key, path_key, page_key])
        versions = (found.get(site_key, 1), found.get(path_key, 1))
        entry = found.get(page_key)
        if entry is None or entry["versions"] != versions:
            return None, versions, page_key
        _local_put(page_key, entry)
    else:
        versions = entry["versions"]
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
    patch_vary_headers(response, ["Accept-Encoding"])
    return response, versions, page_key


def _accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _store(page_key, versions, response):
    entry = {
        "versions": versions,
        "status": response.status_code,
        "gzipped": gzip.compress(response.content, compresslevel=6),
        "headers": [
            (header, value)
            for header, value in response.items()
            if header.lower() not in {"content-length", "content-encoding"}
        ],
    }
    cache.set(page_key, entry, timeout=SHARED_MAX_AGE)
    _local_put(page_key, entry)


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
    patch_cache_control(response, public=True, **settings.PUBLIC_PAGE_CACHE_CONTROL)
    patch_vary_headers(response, ["Cookie"])
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
            _learn(request.path, query)
            if not _cacheable_request(request):
                # Personal: a signed-in reader's page, or one carrying a flash message.
                response = shown(request, *args, **kwargs)
                if request.method in {"GET", "HEAD"}:
                    patch_cache_control(response, private=True)
                return response
            enabled = settings.CACHE_PUBLIC_PAGES
            cached = versions = key = None
            if enabled:
                looked = getattr(request, "_page_cache_miss", None)
                if looked and looked[1] == _keys(request, params)[2]:
                    versions, key = looked  # the middleware looked already, and missed
                else:
                    cached, versions, key = _lookup(request, params)
            if cached is not None:
                return _mark_public(cached)
            response = shown(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _cacheable_response(request, response):
                if enabled:
                    _store(key, versions, response)
                return _mark_public(response)
            return response

        return wrapper

    return decorator


class PublicPageCacheMiddleware:
    """Serve a cached page before the URL is even resolved; the decorator stores pages.

    Only pages a `cache_public_page` view stored can be found, so this serves nothing the
    views would not, and only at paths whose view this worker has seen (the key needs the
    parameters it declares). Keep it last, so every other middleware still sees the response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = _known(request.path)
        if query is not None and settings.CACHE_PUBLIC_PAGES and _cacheable_request(request):
            cached, versions, key = _lookup(request, _declared(request, query))
            if cached is not None:
                return _mark_public(cached)
            request._page_cache_miss = (versions, key)
        return self.get_response(request)
