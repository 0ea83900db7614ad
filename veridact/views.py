"""Operational endpoints and site policies that belong to no single app."""

import logging
import sys
import uuid
from datetime import timedelta

import sentry_sdk
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response
from django.views.decorators.cache import never_cache

from pagecache.pages import cache_public_page
from veridact.celery import app as celery_app
from veridact.circuit_breaker import circuit_breaker, redis_server

logger = logging.getLogger(__name__)

# RFC 9116 asks for an expiry less than a year ahead. The file is written afresh each day from
# the environment, so it stays current as long as the site is served, and no longer.
SECURITY_TXT_LIFETIME = timedelta(days=180)


def _database_up():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: database is down")
        return False


def _cache_up():
    # The Redis cache swallows its errors so pages survive an outage;
    # a value that does not come back is how an outage shows here.
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    up = cache.get(key) == value
    cache.delete(key)
    return up


def _broker_up():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True
    # The breaker publishing goes through: a broker that failed a moment ago, or whose Redis
    # the cache found hung, is down without another wait.
    breaker = circuit_breaker(redis_server(settings.CELERY_BROKER_URL))
    if not breaker.allows():
        return False
    try:
        # One try, bounded by the broker's socket timeouts (settings.REDIS_TIMEOUT).
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
    except Exception as error:  # kombu raises a different error class per transport
        breaker.failed(error)
        logger.exception("Health check: broker is down")
        return False
    breaker.succeeded()
    return True


@never_cache
def readyz(request):
    """Whether this host can serve readers: 503 only while its database does not answer.

    For load balancers and Varnish. Without Redis the site still serves (pages rendered
    afresh, emails kept in the outbox), and taking every host out of service because the
    Redis they share hangs would turn a slower site into none. /healthz names all that is down.
    """
    up = _database_up()
    body = {"status": "ok" if up else "down", "down": [] if up else ["database"]}
    return JsonResponse(body, status=200 if up else 503)


@never_cache
def healthz(request):
    """Report the state of the database, cache and broker; 503 when any is down."""
    checks = {"database": _database_up(), "cache": _cache_up(), "broker": _broker_up()}
    down = sorted(name for name, up in checks.items() if not up)
    body = {
        "status": "down" if down else "ok",
        "checks": {name: "up" if up else "down" for name, up in checks.items()},
        "down": down,
    }
    return JsonResponse(body, status=503 if down else 200)


# What the database raises while it cannot be reached: connections refused or cut, a server
# shutting down or starting up. Django reconnects on the next request (CONN_HEALTH_CHECKS).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds a client (a crawler, a monitor) should wait; a restart takes a few.
RETRY_AFTER = 30


def server_error(request):
    """The 500 page, or the 503 page while the database cannot be reached.

    The handler runs while Django handles the exception, wherever it was raised (a view, a
    middleware reading the session), so the exception is the one being handled.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return _database_unavailable(request, error)
    reported = bool(settings.ADMINS) or sentry_sdk.get_client().is_active()
    # No request context: whatever broke the page could break it again.
    return HttpResponseServerError(loader.get_template("500.html").render({"reported": reported}))


def _database_unavailable(request, error):
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    # A warning, which Django then does not log again as an error: an outage is not a bug,
    # and ADMINS would otherwise get an email for every request it turns away. Sentry has
    # the exception already (Django's got_request_exception signal).
    log_response(
        "Database unavailable (%s): %s",
        str(error).strip(),
        request.path,
        response=response,
        request=request,
        level="warning",
    )
    return response


def _contacts():
    return [
        {"uri": uri, "label": uri.removeprefix("mailto:")} for uri in settings.SECURITY_CONTACTS
    ]


@cache_public_page()
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, and how."""
    today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    return render(
        request,
        "security.txt",
        {"contacts": _contacts(), "expires": today + SECURITY_TXT_LIFETIME},
        content_type="text/plain; charset=utf-8",
    )


@cache_public_page()
def security_policy(request):
    """How to report a vulnerability, and what the reporter can expect from us."""
    return render(request, "security.html", {"contacts": _contacts()})
