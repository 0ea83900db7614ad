"""Limits on what readers send (comments, reports, forecasts, subscribe requests).

Each limit is a fixed window ("5 per 10 minutes") with one counter per subject (a reader, a
client address, a mailbox), kept in the cache so that every web worker shares it: Redis in
production, where the counter is raised by one atomic INCR. Settings name the limits of each
action in RATE_LIMITS, in allauth's notation ("5/10m/user,50/d/user"). A fixed window lets up
to twice its count through around its end; in return a check costs one round trip, and that
still stops a flood.

A limit must never take the site down with it: when the cache cannot count (Redis is down),
the action is allowed and the outage logged.
"""

import dataclasses
import hashlib
import ipaddress
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# IPv6 clients are counted by their /64: one subscriber line holds that many addresses.
IPV6_PREFIX = 64


@dataclasses.dataclass(frozen=True)
class Rate:
    """At most `count` actions in `seconds`, per `per` (user, ip, mailbox…)."""

    count: int
    seconds: int
    per: str

    @property
    def period(self) -> str:
        """“in 10 minutes”, “a minute”, “an hour”, “a day”."""
        units = ((86400, "day", "a day"), (3600, "hour", "an hour"), (60, "minute", "a minute"))
        for unit_seconds, unit, one in units:
            if self.seconds % unit_seconds == 0:
                amount = self.seconds // unit_seconds
                return one if amount == 1 else f"in {amount} {unit}s"
        return f"in {self.seconds} seconds"


@dataclasses.dataclass(frozen=True)
class Exceeded:
    """The rate an action went over, and how long until its window ends."""

    rate: Rate
    retry_after: int


def parse(rates: str) -> list[Rate]:
    """Rates from their notation: "5/10m/user,50/d/user"."""
    parsed = []
    for part in filter(None, (part.strip() for part in rates.split(","))):
        count, period, per = part.split("/")
        amount, unit = period[:-1] or "1", period[-1]
        parsed.append(Rate(int(count), int(amount) * SECONDS[unit], per))
    return parsed


def for_action(action: str) -> list[Rate]:
    """The limits settings set on `action`."""
    return parse(settings.RATE_LIMITS[action])


def ip_subject(ip: str | None) -> str | None:
    """Who an address counts as: itself, or its /64 for IPv6."""
    if not ip:
        return None
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def _key(action, rate, subject, window):
    # Hashed: mailboxes are personal data, and cache keys have a length limit.
    digest = hashlib.sha256(str(subject).encode()).hexdigest()[:32]
    return f"limit:{action}:{rate.per}:{rate.seconds}:{window}:{digest}"


def _increment(key, timeout):
    """Add one to a counter; None when the cache cannot count."""
    try:
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired or evicted between add() and incr()
            cache.set(key, 1, timeout=timeout)
            count = 1
    except Exception:
        # Any backend error (connection refused, timeout) means the same: no answer.
        logger.warning("Rate limit skipped: the cache is unavailable", exc_info=True)
        return None
    if count is None:
        # django-redis with IGNORE_EXCEPTIONS answers None instead of raising.
        logger.warning("Rate limit skipped: the cache is unavailable (it gave no count)")
    return count


def consume(action: str, *, now: float | None = None, **subjects) -> Exceeded | None:
    """Count one `action` by `subjects` (user=…, ip=…); return the limit it goes over, or None.

    Rates whose subject is missing or None do not apply (no address, say). Addresses count
    as `ip_subject()` says.
    """
    now = time.time() if now is None else now
    for rate in for_action(action):
        subject = subjects.get(rate.per)
        if rate.per == "ip":
            subject = ip_subject(subject)
        if subject is None:
            continue
        window = int(now // rate.seconds)
        count = _increment(_key(action, rate, subject, window), timeout=rate.seconds + 60)
        if count is None:
            return None
        if count > rate.count:
            return Exceeded(rate, retry_after=max(1, int((window + 1) * rate.seconds - now)))
    return None


def cache_available() -> bool:
    """Whether the cache answers: a value written comes back."""
    key, value = f"limit-probe:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        available = cache.get(key) == value
        cache.delete(key)
    except Exception:
        return False
    return available


def wait_time(seconds: int) -> str:
    """“a minute”, “5 minutes”, “2 hours”: a retry delay for people, rounded up."""
    minutes = -(-seconds // 60)
    if minutes <= 1:
        return "a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = -(-seconds // 3600)
    return "an hour" if hours == 1 else f"{hours} hours"


def too_many_requests(request, exceeded: Exceeded, template="429.html", context=None):
    """Answer 429 with `template`, saying which limit was reached and when to come back."""
    context = {"limit": exceeded.rate, "wait": wait_time(exceeded.retry_after), **(context or {})}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(exceeded.retry_after)
    return response
