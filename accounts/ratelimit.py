"""Per-reader comment limits, counted in the cache so every web worker shares them.

Each limit is a fixed window (10 minutes, a day) with one counter per reader, raised by an
atomic increment (a Lua INCRBY on Redis). A cache that is down must not stop readers from
commenting, so then the limit is skipped and the outage logged.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    def describe(self):
        """“5 comments in 10 minutes”, “50 comments a day”."""
        noun = "comment" if self.count == 1 else "comments"
        return f"{self.count} {noun} {_describe_period(self.seconds)}"


def _describe_period(seconds):
    if seconds == 86400:
        return "a day"
    if seconds == 3600:
        return "an hour"
    for unit_seconds, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % unit_seconds == 0:
            amount = seconds // unit_seconds
            return f"in {amount} {unit}{'s' if amount != 1 else ''}"
    return f"in {seconds} seconds"


def comment_limits():
    """The comment limits from settings."""
    return [Limit(count, seconds) for count, seconds in settings.COMMENT_RATE_LIMITS]


def _key(user_id, limit, now):
    window = int(now // limit.seconds)
    return f"comment-rate:{user_id}:{limit.seconds}:{window}"


def _increment(key, timeout):
    """Add one to a counter; None when the cache cannot say."""
    try:
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # expired or evicted between add() and incr()
            cache.set(key, 1, timeout=timeout)
            count = 1
    except Exception:
        # Any backend error (connection refused, timeout) means the same: no answer.
        logger.warning("Comment rate limit skipped: the cache is unavailable", exc_info=True)
        return None
    if count is None:
        # django-redis with IGNORE_EXCEPTIONS answers None instead of raising.
        logger.warning("Comment rate limit skipped: the cache gave no count")
    return count


def consume_comment_allowance(*, user_id: int, now: float | None = None) -> Limit | None:
    """Count one comment for the reader; return the limit it goes over, or None if allowed."""
    now = time.time() if now is None else now
    for limit in comment_limits():
        count = _increment(_key(user_id, limit, now), timeout=limit.seconds + 60)
        if count is None:
            return None
        if count > limit.count:
            return limit
    return None
