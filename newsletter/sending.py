"""Send a digest issue's chunks, each delivery exactly once.

Exactly once rests on four things. (1) One `Delivery` row per (issue, subscriber), a unique
constraint, written when the issue is created (`newsletter.issuing`). (2) A chunk run leases
its queued rows in one UPDATE whose subquery picks them with `FOR UPDATE SKIP LOCKED`, so
parallel runs of one chunk (a task redelivered while its first run is still alive) split
rather than share the work. (3) Each row's sent-mark is a compare-and-set whose commit
leaves for the database just before the final dot leaves for the SMTP server
(`newsletter.sent_marks` and `newsletter.transport`). (4) Tasks ack late and are
redelivered when a worker dies; the periodic sweep re-enqueues chunks whose tasks were lost
altogether.
"""

import functools
import logging
import random
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from newsletter.emails import DigestRenderer
from newsletter.models import DIGEST_ORDER, Delivery, DigestIssue, Subscriber
from newsletter.sent_marks import SentMarker, fast_commits, marker_cursor
from newsletter.transport import DeliveryError, open_transport

logger = logging.getLogger(__name__)

# This many temporary failures in a row mean the server, not the recipients, is the problem.
FAILURE_STREAK = 3


def retry_delay(attempt: int) -> float:
    """Return the wait before the next try after `attempt` failures: doubling, jittered, capped."""
    ceiling = min(
        settings.NEWSLETTER_RETRY_MAX_SECONDS,
        settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** max(0, attempt - 1),
    )
    # "Equal jitter": at least half the delay, so retries still back off.
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (jitter, not security)


@functools.lru_cache(maxsize=4)
def _renderer(issue_id: int) -> DigestRenderer:
    # An issue's content is fixed once created, so a worker renders it once per category set.
    issue = DigestIssue.objects.get(pk=issue_id)
    articles = (
        issue.articles.select_related("category")
        .only("id", "title", "slug", "summary", "category")
        .order_by(*DIGEST_ORDER)
    )
    return DigestRenderer(issue=issue, articles=list(articles))


@dataclass
class ChunkReport:
    """What one run of a chunk did, and when it should run again (seconds), if at all."""

    sent: int = 0
    failed: int = 0
    skipped: int = 0
    claimed: int = 0
    retry_in: float | None = None


@dataclass(frozen=True)
class Claimed:
    """A delivery a chunk run holds, with what sending it needs (plain values, no model)."""

    pk: int
    subscriber_id: int
    category_ids: str
    attempts: int
    email: str
    subscriber_status: str


def _claim(issue_id: int, chunk: int, owner: uuid.UUID, now) -> list[Claimed]:
    """Lease the chunk's queued rows no live run holds (one UPDATE), and read them back."""
    free = (
        Delivery.objects.queued()
        .due(now)
        .unleased(now)
        .filter(issue_id=issue_id, chunk=chunk)
        .select_for_update(skip_locked=True, of=("self",))
        .values("pk")
    )
    # The subquery locks what it picks and skips rows another run is claiming.
    with transaction.atomic():
        Delivery.objects.filter(pk__in=free).update(
            lease_owner=owner,
            leased_until=now + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS),
        )
    return [
        Claimed(*values)
        for values in _leased(issue_id, chunk, owner)
        .order_by("pk")
        .values_list(
            "pk",
            "subscriber_id",
            "category_ids",
            "attempts",
            "subscriber__email",
            "subscriber__status",
        )
    ]


def _leased(issue_id: int, chunk: int, owner: uuid.UUID):
    """The chunk's rows this run holds (a run leases rows of its own chunk only)."""
    return Delivery.objects.filter(issue_id=issue_id, chunk=chunk, lease_owner=owner)


def _record_failure(row: Claimed, owner, error: DeliveryError, message_id: str, now) -> str:
    """Settle a failed attempt: retry later, give up, or (no reply after the dot) keep as sent."""
    if error.ambiguous:
        Delivery.objects.filter(pk=row.pk, message_id=message_id).update(
            last_error=f"{error} — counted as sent: the server may have accepted it."
        )
        return Delivery.State.SENT
    attempts = row.attempts + 1
    final = error.permanent or attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
    state = Delivery.State.FAILED if final else Delivery.State.QUEUED
    rows = Delivery.objects.filter(pk=row.pk)
    # A committed row is marked sent already (and released); an uncommitted one is ours.
    rows = rows.filter(message_id=message_id) if error.committed else rows.filter(lease_owner=owner)
    rows.update(
        state=state,
        attempts=attempts,
        sent_at=None,
        last_error=str(error)[:1000],
        next_attempt_at=None if final else now + timedelta(seconds=retry_delay(attempts)),
        lease_owner=None,
        leased_until=None,
    )
    if error.hard_bounce:
        _count_hard_bounce(row.subscriber_id)
    return state


def _count_hard_bounce(subscriber_id: int) -> None:
    Subscriber.objects.filter(pk=subscriber_id).update(hard_bounces=F("hard_bounces") + 1)
    Subscriber.objects.filter(
        pk=subscriber_id,
        status=Subscriber.Status.CONFIRMED,
        hard_bounces__gte=settings.NEWSLETTER_HARD_BOUNCE_LIMIT,
    ).update(status=Subscriber.Status.SUSPENDED)


def _postpone(rows, owner, error: DeliveryError, now) -> None:
    """The server is failing: count this as a failed attempt for every row not yet tried."""
    by_attempts = {}
    for row in rows:
        by_attempts.setdefault(row.attempts + 1, []).append(row.pk)
    for attempts, ids in by_attempts.items():
        final = attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
        Delivery.objects.filter(pk__in=ids, lease_owner=owner).update(
            state=Delivery.State.FAILED if final else Delivery.State.QUEUED,
            attempts=attempts,
            last_error=str(error)[:1000],
            next_attempt_at=None if final else now + timedelta(seconds=retry_delay(attempts)),
            lease_owner=None,
            leased_until=None,
        )


class _Outcomes:
    """Tally how each message went, and decide when the server is failing the chunk."""

    def __init__(self, owner, report: ChunkReport, marker: SentMarker):
        self.owner = owner
        self.report = report
        self.marker = marker
        self.streak = 0
        self.stop = None  # the error that should end this run of the chunk

    def replied(self, row: Claimed, message_id: str, error: DeliveryError | None) -> None:
        """The server's verdict on a message whose sent-mark was committed."""
        if error is None:
            self.report.sent += 1
            self.streak = 0
        else:
            self.failed(row, message_id, error)

    def failed(self, row: Claimed, message_id: str, error: DeliveryError) -> None:
        self.marker.settle()  # the marks in flight first: the connection serves one at a time
        state = _record_failure(row, self.owner, error, message_id, timezone.now())
        if state == Delivery.State.SENT:
            self.report.sent += 1
            return
        self.report.failed += state == Delivery.State.FAILED
        self.streak = 0 if error.permanent else self.streak + 1
        if error.connection_lost or self.streak >= FAILURE_STREAK:
            self.stop = error


def _skip_unconfirmed(rows, owner) -> list[Claimed]:
    """Settle rows whose subscriber left since the issue was made; return the others."""
    gone = [row.pk for row in rows if row.subscriber_status != Subscriber.Status.CONFIRMED]
    if gone:
        Delivery.objects.filter(pk__in=gone, lease_owner=owner).update(
            state=Delivery.State.SKIPPED,
            last_error="Not confirmed any more when the chunk ran.",
            lease_owner=None,
            leased_until=None,
        )
    return [row for row in rows if row.subscriber_status == Subscriber.Status.CONFIRMED]


def _send_rows(rows, renderer, transport, outcomes: _Outcomes) -> None:
    owner, marker = outcomes.owner, outcomes.marker
    sendable = _skip_unconfirmed(rows, owner)
    outcomes.report.skipped += len(rows) - len(sendable)
    issue_id = renderer.issue.pk
    build = renderer.message_bytes if transport.raw else renderer.email_message
    # Render each category set before the marks are in flight (no query may run meanwhile).
    renderer.prepare({row.category_ids for row in sendable})
    message_ids = [renderer.message_id(issue_id=issue_id, delivery_id=row.pk) for row in sendable]
    lease = settings.NEWSLETTER_LEASE_SECONDS
    renew_at = time.monotonic() + lease / 2
    with marker_cursor() as cursor:
        try:
            for index, row in enumerate(sendable):
                if outcomes.stop is not None:
                    logger.warning("Digest %s: stopping a chunk after %s", issue_id, outcomes.stop)
                    marker.settle()
                    _postpone(sendable[index:], owner, outcomes.stop, timezone.now())
                    return
                if time.monotonic() > renew_at:
                    marker.settle()
                    ids = [other.pk for other in sendable[index:]]
                    Delivery.objects.filter(pk__in=ids, lease_owner=owner).update(
                        leased_until=timezone.now() + timedelta(seconds=lease)
                    )
                    renew_at = time.monotonic() + lease / 2
                message_id = message_ids[index]
                payload = build(
                    delivery_id=row.pk,
                    subscriber_id=row.subscriber_id,
                    email=row.email,
                    category_key=row.category_ids,
                )
                following = sendable[index + 1] if index + 1 < len(sendable) else None
                try:
                    transport.send(
                        recipient=row.email,
                        payload=payload,
                        hold=functools.partial(marker.mark_sent, cursor, row.pk, message_id),
                        commit_then=functools.partial(
                            marker.commit_then,
                            # The next message's mark is made while the server answers.
                            ahead=following and (following.pk, message_ids[index + 1]),
                        ),
                        on_reply=functools.partial(outcomes.replied, row, message_id),
                        then=following and following.email,
                    )
                except DeliveryError as error:
                    outcomes.failed(row, message_id, error)
        finally:
            marker.settle()


def _settle(issue_id: int, chunk: int, now, report: ChunkReport) -> None:
    """Work out when the chunk must run again, and close the issue when nothing is queued."""
    # A row can go when its retry delay has passed and no live run leases it.
    ready = Greatest(Coalesce("next_attempt_at", Value(now)), Coalesce("leased_until", Value(now)))
    first = (
        Delivery.objects.queued()
        .filter(issue_id=issue_id, chunk=chunk)
        .aggregate(first=Min(ready))["first"]
    )
    if first is not None:
        wait = (first - now).total_seconds()
        report.retry_in = min(max(wait, 0.5), settings.NEWSLETTER_RETRY_MAX_SECONDS)
    issues = DigestIssue.objects.filter(pk=issue_id)
    issues.update(last_progress_at=now)
    if report.retry_in is None and not Delivery.objects.queued().filter(issue_id=issue_id).exists():
        issues.filter(status=DigestIssue.Status.SENDING).update(
            status=DigestIssue.Status.DONE, completed_at=now
        )


def chunk_send(*, issue_id: int, chunk: int) -> ChunkReport:
    """Send a chunk's queued deliveries, each at most once; say when to come back if rows remain."""
    owner = uuid.uuid4()
    report = ChunkReport()
    with fast_commits():
        rows = _claim(issue_id, chunk, owner, timezone.now())
        report.claimed = len(rows)
        if rows:
            renderer = _renderer(issue_id)
            outcomes = _Outcomes(owner, report, SentMarker(owner))
            try:
                with open_transport() as transport:
                    _send_rows(rows, renderer, transport, outcomes)
            finally:
                # Rows this run claimed but did not settle (an exception) are free again.
                _leased(issue_id, chunk, owner).update(lease_owner=None, leased_until=None)
        _settle(issue_id, chunk, timezone.now(), report)
    logger.info(
        "Digest %s chunk %s: %s sent, %s failed, %s skipped%s",
        issue_id,
        chunk,
        report.sent,
        report.failed,
        report.skipped,
        f", again in {report.retry_in:.1f}s" if report.retry_in is not None else "",
    )
    return report
