"""Circuit breakers in front of the cache and of publishing to the broker.

Redis here is a port that accepts connections and closes them at once (each one counted),
so that what reaches the network shows; test_hung_redis.py has the hanging Redis, with
gunicorn and real processes.
"""

import logging
import socket
import threading
import time

import pytest
from kombu.exceptions import OperationalError

from veridact.celery import Celery
from veridact.circuit_breaker import CircuitBreaker, CircuitBreakerRedisCache, circuit_breaker


class ClosingPort:
    """A port that accepts each connection and closes it without a word: a broken Redis."""

    def __init__(self):
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self):
        self._server.close()


@pytest.fixture
def broken_redis():
    port = ClosingPort()
    yield port
    port.close()


def test_a_breaker_refuses_calls_after_a_failure_then_lets_one_probe(caplog):
    breaker = CircuitBreaker("Redis at test:1", cooldown=0.3)
    assert breaker.allows()
    with caplog.at_level(logging.WARNING, logger="veridact.circuit_breaker"):
        breaker.failed(TimeoutError("Timeout reading from socket"))
    assert "Redis at test:1 did not answer (Timeout reading from socket)" in caplog.text
    assert breaker.is_open
    assert not breaker.allows()

    time.sleep(0.35)
    assert breaker.allows()  # the probe
    assert not breaker.allows()  # the others, while it runs
    breaker.failed(TimeoutError("again"))
    assert "still does not answer" in caplog.text
    assert not breaker.allows()

    time.sleep(0.35)
    assert breaker.allows()
    breaker.succeeded()
    assert not breaker.is_open
    assert breaker.allows() and breaker.allows()


def test_the_cache_answers_as_an_empty_one_and_stops_asking_a_broken_redis(broken_redis):
    cache = CircuitBreakerRedisCache(
        broken_redis.url, {"OPTIONS": {"SOCKET_TIMEOUT": 0.5, "SOCKET_CONNECT_TIMEOUT": 0.5}}
    )
    assert cache.get("page", default="missing") == "missing"
    assert broken_redis.connections == 1
    assert cache.breaker.is_open
    # Every call answers as django-redis does when it ignores errors (None: the cache is
    # down), without another connection.
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("page", "fresh") == "fresh"
    for answer in [
        cache.add("lock", 1),
        cache.set("page", "<html>"),
        cache.set_many({"a": 1, "b": 2}),
        cache.incr("counter"),
        cache.delete("page"),
        cache.delete_pattern("*"),
        cache.has_key("page"),
    ]:
        assert answer is None
    assert broken_redis.connections == 1


def test_the_cache_and_the_broker_on_one_redis_share_a_breaker(broken_redis):
    cache = CircuitBreakerRedisCache(broken_redis.url, {"OPTIONS": {"SOCKET_TIMEOUT": 0.5}})
    assert cache.breaker is circuit_breaker(f"Redis at 127.0.0.1:{broken_redis.port}")
    other_database = CircuitBreakerRedisCache(broken_redis.url[:-1] + "3", {})
    assert other_database.breaker is cache.breaker


def test_publishing_stops_at_once_after_the_broker_failed(broken_redis):
    app = Celery("breaker-test", broker=broken_redis.url, set_as_current=False)
    app.conf.broker_transport_options = {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
    app.conf.task_publish_retry_policy = {"max_retries": 0}
    with pytest.raises(OperationalError):
        app.send_task("newsletter.send_notice", args=[1])
    reached = broken_redis.connections
    assert reached >= 1
    started = time.monotonic()
    with pytest.raises(OperationalError, match="not publishing for a few seconds"):
        app.send_task("newsletter.send_notice", args=[2])
    assert time.monotonic() - started < 0.05
    assert broken_redis.connections == reached
