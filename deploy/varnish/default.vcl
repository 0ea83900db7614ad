vcl 4.1;
# Varnish in front of Veridact's gunicorn (docs/operations.md, "A CDN in front").
#
# The site says what may be cached: anonymous public pages carry
#   Cache-Control: public, max-age=30, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400
# and everything else is private, no-cache or sets a cookie. Nothing purges this cache: a
# correction reaches readers when their copy's s-maxage runs out. This file adds what Varnish
# does not do by itself: it caches public pages for readers who carry cookies that do not
# change them (the CSRF cookie, a site's analytics), never for signed-in readers, and serves
# a stale page for as long as stale-if-error allows only while the site is down.
#
# Tested against Debian's varnishd by tests/veridact/test_varnish.py.

import std;

backend veridact {
    .host = "127.0.0.1";
    .port = "8000";
    # A name in the site's ALLOWED_HOSTS, for requests that carry none: the health probe's.
    .host_header = "veridact.example";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # /readyz answers 503 while the site's database is down, when it cannot serve. Not
    # /healthz, which also fails while Redis is down, when the site still serves (slower).
    .probe = {
        .url = "/readyz";
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
    }
}

sub vcl_recv {
    unset req.http.X-Veridact-Cookie;  # set only below, never by a client
    if (req.restarts > 0 && req.http.X-Veridact-Stale-Past-Window) {
        # vcl_hit found only a page past its stale-while-revalidate window: fetch a new one.
        set req.grace = 0s;
    }
    unset req.http.X-Veridact-Stale-Past-Window;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A signed-in reader (a session), or anyone with a flash message waiting, gets their own
    # page from the site. An anonymous session (a sign-in half done) also goes through.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies do not change a public page: look the page up without them, but hand
    # them to the site on a miss, so its answer (a form's CSRF token) still fits the reader.
    if (req.http.Cookie) {
        set req.http.X-Veridact-Cookie = req.http.Cookie;
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hash {
    # Behind a TLS proxy, the site redirects plain http:// to https://: the two are not the
    # same page. (The built-in vcl_hash adds the URL and the host.)
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    # Past its lifetime (obj.ttl < 0) a page is served while a fresh one is fetched in the
    # background for the stale-while-revalidate window; past that only while the site is
    # down (stale-if-error, the grace set below). With the site up, this reader waits for a
    # new page instead.
    if (obj.ttl < 0s
        && obj.ttl + std.duration(obj.http.X-Veridact-Revalidate-Window + "s", 0s) <= 0s
        && std.healthy(req.backend_hint)) {
        set req.http.X-Veridact-Stale-Past-Window = "1";
        return (restart);
    }
}

sub vcl_backend_fetch {
    if (bereq.http.X-Veridact-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Veridact-Cookie;
        unset bereq.http.X-Veridact-Cookie;
    }
}

sub vcl_backend_response {
    # A failed background refresh keeps the stale page rather than replacing it.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    # Only what the site marks public is kept. Anything else (a 404, a redirect, which come
    # without Cache-Control) Varnish would keep for default_ttl: a scheduled article's
    # address would answer 404 for two minutes after it is published, and a redirect to
    # https:// could be served to https:// requests. Ask the site each time instead.
    if (beresp.http.Cache-Control !~ "(?i)(^|,)\s*public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Varnish takes the TTL from s-maxage and the grace from stale-while-revalidate. Keep
    # the window, and stretch the grace to stale-if-error, which vcl_hit allows only while
    # the site is down.
    set beresp.http.X-Veridact-Revalidate-Window = beresp.grace;
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"),
            beresp.grace);
    }
    # The site varies public pages on Cookie; the cookies left on a cached request
    # (vcl_recv) make no difference, so one copy serves every anonymous reader.
    unset bereq.http.Cookie;
}

sub vcl_deliver {
    unset resp.http.X-Veridact-Revalidate-Window;
    # For operators and the tests: HIT (from the cache, perhaps stale), MISS or PASS.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elseif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
