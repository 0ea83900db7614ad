"""Circuit breakers: after one failed call, stop calling a server for a few seconds.

A Redis that hangs (it accepts connections and never answers) costs every call the whole
socket timeout, and a page makes a dozen cache calls. A breaker pays the timeout once: the
call that fails opens it, and for `cooldown` seconds every call through it is refused at
once, without touching the network. Then one call goes through as a probe while the others
are still refused; its success closes the breaker, its failure opens it again. Each process
keeps its own breakers, one per server (the cache and the broker share one when they share a
Redis) and shared by its threads: a worker learns of an outage by its own first failure and of
the recovery by its own probe.

`CircuitBreakerRedisCache` puts one in front of the cache (settings.CACHES); the Celery app
(veridact.celery) puts one in front of publishing to the broker.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

import redis.exceptions
from django.conf import settings
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)


class CircuitBreaker:
    """Let calls to one server through, or refuse them at once for a while after a failure."""

    def __init__(self, name: str, cooldown: float):
        self.name = name
        self.cooldown = cooldown
        self._lock = threading.Lock()
        # When calls may go through again (time.monotonic()); 0 while the breaker is closed.
        self._open_until = 0.0

    @property
    def is_open(self) -> bool:
        """Whether calls are being refused right now."""
        return time.monotonic() < self._open_until

    def allows(self) -> bool:
        """Whether a call may go through now; past the cooldown, the one that asks probes."""
        if not self._open_until:
            return True
        with self._lock:
            now = time.monotonic()
            if now < self._open_until:
                return False
            # Half open: this call probes, and the others wait out another cooldown unless it
            # succeeds first.
            self._open_until = now + self.cooldown
            return True

    def failed(self, error: BaseException) -> None:
        """Record an outage: refuse calls for the next `cooldown` seconds."""
        with self._lock:
            was_closed = not self._open_until
            self._open_until = time.monotonic() + self.cooldown
        logger.warning(
            "%s %s (%s); not asking it again for %g s",
            self.name,
            "did not answer" if was_closed else "still does not answer",
            error,
            self.cooldown,
        )

    def succeeded(self) -> None:
        """Record an answer: close the breaker if it was open."""
        if not self._open_until:
            return
        with self._lock:
            self._open_until = 0.0
        logger.info("%s answers again", self.name)


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def circuit_breaker(name: str) -> CircuitBreaker:
    """The process's breaker for the server `name`, made on first use."""
    with _breakers_lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = CircuitBreaker(name, settings.CIRCUIT_BREAKER_SECONDS)
        return breaker


def redis_server(url: str) -> str:
    """“Redis at host:6379”: the server a URL names, without its database or password.

    Breakers are per server: when the cache's Redis times out, publishing to a broker on the
    same server does not wait for its own timeout to learn it.
    """
    parts = urlsplit(url)
    return f"Redis at {parts.hostname or 'localhost'}:{parts.port or 6379}"


# What a Redis outage raises: refused, reset or timed-out connections. redis-py wraps most
# socket errors; django-redis re-raises some as they came.
OUTAGES = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class CircuitBreakerRedisCache(RedisCache):
    """django-redis's cache, for which a Redis outage means cache misses, not errors or waits.

    When Redis fails, and while the breaker is open after a failure
    (settings.CIRCUIT_BREAKER_SECONDS), every call the site makes answers at once as
    django-redis does when told to ignore errors: `get` its default, `get_many` nothing, the
    others None (the limits read an `incr` of None as “cannot count”).
    OPTIONS' SOCKET_TIMEOUT and SOCKET_CONNECT_TIMEOUT say how long a call waits for Redis
    before it counts as failed.
    """

    def __init__(self, server, params):
        # Errors come up to this class, which swallows them once the breaker has seen them.
        options = {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": False}
        super().__init__(server, {**params, "OPTIONS": options})
        location = server if isinstance(server, str) else server[0]
        self.breaker = circuit_breaker(redis_server(location))

    def _guarded(self, fallback, call, *args, **kwargs):
        if not self.breaker.allows():
            return fallback
        try:
            result = call(*args, **kwargs)
        except OUTAGES as error:
            self.breaker.failed(error)
            return fallback
        except redis.exceptions.RedisError:  # a command refused (out of memory…): Redis is up
            logger.warning("The cache refused a command", exc_info=True)
            result = fallback
        self.breaker.succeeded()
        return result

    def get(self, key, default=None, version=None, client=None):
        return self._guarded(default, super().get, key, default, version, client)

    def get_many(self, *args, **kwargs):
        return self._guarded({}, super().get_many, *args, **kwargs)

    # The rest answer None, as django-redis does when it ignores errors, which callers read
    # as “the cache is down” (`add` False would mean “someone else set it first”).

    def has_key(self, *args, **kwargs):
        return self._guarded(None, super().has_key, *args, **kwargs)

    def ttl(self, *args, **kwargs):
        return self._guarded(None, super().ttl, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guarded(None, super().add, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._guarded(None, super().set, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._guarded(None, super().set_many, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guarded(None, super().touch, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._guarded(None, super().incr, *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._guarded(None, super().decr, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guarded(None, super().delete, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guarded(None, super().delete_many, *args, **kwargs)

    def delete_pattern(self, *args, **kwargs):
        return self._guarded(None, super().delete_pattern, *args, **kwargs)

    def clear(self):
        return self._guarded(None, super().clear)
