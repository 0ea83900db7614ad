"""Digest issues: freeze the recipients once, then send each exactly once, chunk by chunk.

Exactly once rests on four things. (1) One `Delivery` row per (issue, subscriber), a unique
constraint, written when the issue is created. (2) A chunk run claims its queued rows with
`SELECT … FOR UPDATE SKIP LOCKED` and leases them, so parallel runs of one chunk (a task
redelivered while its first run is still alive) split rather than share the work.
(3) Each row's sent-mark is a compare-and-set whose commit leaves for the database just
before the final dot leaves for the SMTP server (see `_Marker` and `newsletter.transport`).
(4) Tasks ack late and are redelivered when a worker dies; the periodic sweep re-enqueues
chunks whose tasks were lost altogether.
"""

import contextlib
import functools
import itertools
import logging
import math
import random
import select
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from articles.models import Article
from newsletter.emails import DigestRenderer, site_host
from newsletter.models import Delivery, DigestIssue, Frequency, Subscriber
from newsletter.services import enqueue
from newsletter.transport import DeliveryError, open_transport

logger = logging.getLogger(__name__)

PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
# This many temporary failures in a row mean the server, not the recipients, is the problem.
FAILURE_STREAK = 3
BATCH = 2000


def run_key(frequency: str, now) -> str:
    """Name the scheduled run a moment belongs to: the UTC day, or the ISO week."""
    if frequency == Frequency.WEEKLY:
        year, week, _ = now.isocalendar()
        return f"{year}-W{week:02d}"
    return now.date().isoformat()


def retry_delay(attempt: int) -> float:
    """Return the wait before the next try after `attempt` failures: doubling, jittered, capped."""
    ceiling = min(
        settings.NEWSLETTER_RETRY_MAX_SECONDS,
        settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** max(0, attempt - 1),
    )
    # "Equal jitter": at least half the delay, so retries still back off.
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (jitter, not security)


def _window(frequency: str, now):
    previous = DigestIssue.objects.filter(frequency=frequency).order_by("-window_end").first()
    return (previous.window_end if previous else now - PERIODS[frequency]), now


def _issue_articles(start, end):
    return list(
        Article.objects.published()
        .filter(published_at__gt=start, published_at__lte=end)
        .select_related("category")
        .only("id", "title", "slug", "summary", "published_at", "category")
        .order_by("-is_featured", "-published_at", "-pk")
    )


def _audience(frequency: str, category_ids):
    """Yield (subscriber id, category key) for confirmed subscribers with something to read."""
    through = Subscriber.categories.through
    rows = (
        through.objects.filter(
            subscriber__status=Subscriber.Status.CONFIRMED,
            subscriber__frequency=frequency,
            category_id__in=category_ids,
        )
        .order_by("subscriber_id", "category_id")
        .values_list("subscriber_id", "category_id")
        .iterator(chunk_size=BATCH * 4)
    )
    for subscriber_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        yield subscriber_id, ",".join(str(category_id) for _, category_id in group)


@dataclass
class Plan:
    """What an issue would hold: for `send_digests --dry-run`."""

    frequency: str
    window_start: object
    window_end: object
    articles: list
    recipients: int = 0
    by_categories: dict = field(default_factory=dict)


def issue_plan(*, frequency: str, now=None) -> Plan:
    """Work out the next issue of a frequency without writing anything."""
    now = now or timezone.now()
    start, end = _window(frequency, now)
    articles = _issue_articles(start, end)
    plan = Plan(frequency=frequency, window_start=start, window_end=end, articles=articles)
    for _, key in _audience(frequency, {article.category_id for article in articles}):
        plan.recipients += 1
        plan.by_categories[key] = plan.by_categories.get(key, 0) + 1
    return plan


def issue_create(*, frequency: str, run: str, now=None) -> DigestIssue | None:
    """Create a run's issue with its recipients frozen, and enqueue its chunks.

    Return None when the run already has an issue (a second beat, a repeated task) or
    nothing was published since the previous issue of this frequency.
    """
    now = now or timezone.now()
    if DigestIssue.objects.filter(frequency=frequency, run_key=run).exists():
        return None
    start, end = _window(frequency, now)
    articles = _issue_articles(start, end)
    if not articles:
        logger.info("No %s digest for %s: nothing published since %s", frequency, run, start)
        return None
    try:
        with transaction.atomic():
            issue = DigestIssue.objects.create(
                frequency=frequency,
                run_key=run,
                window_start=start,
                window_end=end,
                created_at=now,
                last_progress_at=now,
                subject="",
            )
            _freeze_recipients(issue, articles)
            transaction.on_commit(functools.partial(dispatch, issue.pk, range(issue.chunk_count)))
    except IntegrityError:
        # The other beat won the unique (frequency, run_key) constraint.
        logger.info("The %s digest for %s exists already", frequency, run)
        return None
    return issue


def _freeze_recipients(issue: DigestIssue, articles) -> None:
    issue.articles.set(articles)
    category_ids = sorted({article.category_id for article in articles})
    if connection.vendor == "postgresql":
        count = _insert_deliveries_in_sql(issue, category_ids)
    else:
        count = _insert_deliveries(issue, category_ids)
    renderer = DigestRenderer(issue=issue, articles=articles)
    issue.subject = renderer.subject_for(renderer.articles)
    issue.recipients = count
    issue.chunk_count = math.ceil(count / settings.NEWSLETTER_CHUNK_SIZE)
    if not count:
        issue.status = DigestIssue.Status.DONE
        issue.completed_at = issue.created_at
    issue.save()


def _insert_deliveries(issue: DigestIssue, category_ids) -> int:
    size = settings.NEWSLETTER_CHUNK_SIZE
    count = 0
    batch = []
    for subscriber_id, key in _audience(issue.frequency, category_ids):
        batch.append(
            Delivery(
                issue=issue, subscriber_id=subscriber_id, chunk=count // size, category_ids=key
            )
        )
        count += 1
        if len(batch) == BATCH:
            Delivery.objects.bulk_create(batch)
            batch = []
    Delivery.objects.bulk_create(batch)
    return count


def _insert_deliveries_in_sql(issue: DigestIssue, category_ids) -> int:
    """Write the delivery rows in one INSERT … SELECT: the same rows as `_insert_deliveries`,
    without carrying a hundred thousand of them through Python."""
    quote = connection.ops.quote_name
    through = Subscriber.categories.through._meta.db_table
    sql = f"""
        INSERT INTO {quote(Delivery._meta.db_table)}
            (issue_id, subscriber_id, chunk, category_ids, state, attempts, last_error,
             message_id)
        SELECT %s, audience.subscriber_id,
               (row_number() OVER (ORDER BY audience.subscriber_id) - 1) / %s,
               audience.category_key, %s, 0, '', ''
        FROM (
            SELECT chosen.subscriber_id,
                   string_agg(chosen.category_id::text, ',' ORDER BY chosen.category_id)
                       AS category_key
            FROM {quote(through)} AS chosen
            JOIN {quote(Subscriber._meta.db_table)} AS subscriber
              ON subscriber.id = chosen.subscriber_id
            WHERE subscriber.status = %s AND subscriber.frequency = %s
              AND chosen.category_id = ANY(%s)
            GROUP BY chosen.subscriber_id
        ) AS audience
    """  # noqa: S608 (names come from the models, values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                issue.pk,
                settings.NEWSLETTER_CHUNK_SIZE,
                Delivery.State.QUEUED,
                Subscriber.Status.CONFIRMED,
                issue.frequency,
                list(category_ids),
            ],
        )
        return cursor.rowcount


def dispatch(issue_id: int, chunks) -> None:
    """Enqueue a send task per chunk (the sweep resumes any that could not be enqueued)."""
    from newsletter import tasks

    for chunk in chunks:
        if not enqueue(tasks.send_digest_chunk, issue_id, chunk):
            return


@functools.lru_cache(maxsize=4)
def _renderer(issue_id: int) -> DigestRenderer:
    # An issue's content is fixed once created, so a worker renders it once per category set.
    issue = DigestIssue.objects.get(pk=issue_id)
    articles = (
        issue.articles.select_related("category")
        .only("id", "title", "slug", "summary", "category")
        .order_by("-is_featured", "-published_at", "-pk")
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


@contextlib.contextmanager
def _fast_commits():
    """Skip waiting for the WAL flush on sent-marks (see NEWSLETTER_SYNCHRONOUS_COMMIT)."""
    fast = connection.vendor == "postgresql" and not settings.NEWSLETTER_SYNCHRONOUS_COMMIT
    if fast:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        if fast:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


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
    with transaction.atomic():
        rows = [
            Claimed(*values)
            for values in Delivery.objects.queued()
            .due(now)
            .unleased(now)
            .filter(issue_id=issue_id, chunk=chunk)
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))
            .values_list(
                "pk",
                "subscriber_id",
                "category_ids",
                "attempts",
                "subscriber__email",
                "subscriber__status",
            )
        ]
        if rows:
            Delivery.objects.filter(pk__in=[row.pk for row in rows]).update(
                lease_owner=owner,
                leased_until=now + timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS),
            )
    return rows


class _Marker:
    """The per-message compare-and-set, in plain SQL: it runs once per email.

    On PostgreSQL the mark is made inside a transaction (`mark_sent`) whose COMMIT is sent
    without waiting for its answer, immediately followed by the message's final dot
    (`commit_then`). A worker killed at any moment then loses at most the few microseconds
    between two system calls: before the COMMIT leaves, the row stays queued and the server
    discards the unfinished message; once it has left, PostgreSQL commits it even if the
    worker is gone. (Waiting for the COMMIT's answer before writing the dot would leave a
    whole round trip in which a kill loses the message.)
    """

    def __init__(self, owner: uuid.UUID):
        table = connection.ops.quote_name(Delivery._meta.db_table)
        self.owner = Delivery._meta.get_field("lease_owner").get_db_prep_value(owner, connection)
        # The table name and states come from the model, never from input.
        sent, queued = Delivery.State.SENT.value, Delivery.State.QUEUED.value
        self.sql = (
            f"UPDATE {table} SET state = '{sent}', sent_at = CURRENT_TIMESTAMP, "  # noqa: S608
            "attempts = attempts + 1, message_id = %s, last_error = '', "
            "leased_until = NULL, lease_owner = NULL "
            f"WHERE id = %s AND state = '{queued}' AND lease_owner = %s"
        )

    def mark_sent(self, cursor, delivery_id: int, message_id: str) -> bool:
        """Mark the row sent (uncommitted on PostgreSQL); False when another run has it."""
        self.pgconn = _raw_pgconn()
        if self.pgconn is not None:
            _exec_raw(self.pgconn, b"BEGIN")
        try:
            cursor.execute(self.sql, [message_id, delivery_id, self.owner])
        except BaseException:
            self.rollback()
            raise
        if cursor.rowcount == 1:
            return True
        self.rollback()
        return False

    def rollback(self) -> None:
        pgconn, self.pgconn = self.pgconn, None
        if pgconn is not None:
            _exec_raw(pgconn, b"ROLLBACK")

    def commit_then(self, write_dot) -> None:
        """Commit the mark and write the final dot, the two as close together as they can be."""
        pgconn, self.pgconn = self.pgconn, None
        if pgconn is None:  # SQLite: the mark committed with its statement
            write_dot()
            return
        pgconn.send_query(b"COMMIT")  # raises if libpq cannot take it
        while pgconn.flush():
            select.select([], [pgconn.socket], [])
        try:
            write_dot()
        finally:
            _finish_raw(pgconn, b"COMMIT")


def _raw_pgconn():
    """libpq's connection under Django's, for the few statements sent by hand.

    None on SQLite, and inside a transaction someone else opened (`atomic()`), where the
    mark simply becomes part of that transaction.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    connection.ensure_connection()
    return connection.connection.pgconn


def _exec_raw(pgconn, command: bytes) -> None:
    """Run a transaction-control statement by hand (Django's autocommit is not told)."""
    pgconn.send_query(command)  # raises if libpq cannot take it
    while pgconn.flush():
        select.select([], [pgconn.socket], [])
    _finish_raw(pgconn, command)


def _finish_raw(pgconn, command: bytes) -> None:
    from psycopg import pq

    failure = None
    while True:
        while pgconn.is_busy():
            select.select([pgconn.socket], [], [])
            pgconn.consume_input()
        result = pgconn.get_result()
        if result is None:
            break
        if result.status != pq.ExecStatus.COMMAND_OK:
            failure = result.get_field(pq.DiagnosticField.MESSAGE_PRIMARY) or result.status
    if failure is not None:
        raise DatabaseError(f"{command.decode()} failed: {failure!r}")


@contextlib.contextmanager
def _marker_cursor():
    """A cursor whose statements PostgreSQL plans once (a prepared statement), not per email.

    Django binds parameters on the client and never prepares; this cursor binds on the
    server and prepares, and is still a Django cursor, so query counting sees it.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=True, binary=None):
            return super().execute(query, params, prepare=prepare, binary=binary)

    connection.ensure_connection()
    raw = PreparedCursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        yield cursor


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

    def __init__(self, owner, report: ChunkReport):
        self.owner = owner
        self.report = report
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
    owner = outcomes.owner
    sendable = _skip_unconfirmed(rows, owner)
    outcomes.report.skipped += len(rows) - len(sendable)
    marker = _Marker(owner)
    issue_id = renderer.issue.pk
    build = renderer.message_bytes if transport.raw else renderer.email_message
    lease = settings.NEWSLETTER_LEASE_SECONDS
    renew_at = time.monotonic() + lease / 2
    with _marker_cursor() as cursor:
        for index, row in enumerate(sendable):
            if outcomes.stop is not None:
                logger.warning("Digest %s: stopping a chunk after %s", issue_id, outcomes.stop)
                _postpone(sendable[index:], owner, outcomes.stop, timezone.now())
                return
            if time.monotonic() > renew_at:
                ids = [other.pk for other in sendable[index:]]
                Delivery.objects.filter(pk__in=ids, lease_owner=owner).update(
                    leased_until=timezone.now() + timedelta(seconds=lease)
                )
                renew_at = time.monotonic() + lease / 2
            message_id = renderer.message_id(issue_id=issue_id, delivery_id=row.pk)
            payload = build(
                delivery_id=row.pk,
                subscriber_id=row.subscriber_id,
                email=row.email,
                category_key=row.category_ids,
            )
            following = sendable[index + 1].email if index + 1 < len(sendable) else None
            try:
                transport.send(
                    recipient=row.email,
                    payload=payload,
                    hold=functools.partial(marker.mark_sent, cursor, row.pk, message_id),
                    commit_then=marker.commit_then,
                    on_reply=functools.partial(outcomes.replied, row, message_id),
                    then=following,
                )
            except DeliveryError as error:
                outcomes.failed(row, message_id, error)


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
    rows = _claim(issue_id, chunk, owner, timezone.now())
    report.claimed = len(rows)
    if rows:
        renderer = _renderer(issue_id)
        try:
            with _fast_commits(), open_transport() as transport:
                _send_rows(rows, renderer, transport, _Outcomes(owner, report))
        finally:
            # Rows this run claimed but did not settle (an exception) are free again.
            Delivery.objects.filter(pk__in=[row.pk for row in rows], lease_owner=owner).update(
                lease_owner=None, leased_until=None
            )
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


def issues_resume(*, now=None) -> int:
    """Re-enqueue chunks of issues that have made no progress for a while; return how many."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=2 * settings.CELERY_VISIBILITY_TIMEOUT)
    resumed = 0
    for issue in DigestIssue.objects.sending().filter(last_progress_at__lt=stale):
        chunks = sorted(
            set(
                Delivery.objects.queued()
                .unleased(now)
                .filter(issue=issue)
                .values_list("chunk", flat=True)
                .distinct()
            )
        )
        DigestIssue.objects.filter(pk=issue.pk).update(last_progress_at=now)
        if not chunks and not Delivery.objects.queued().filter(issue=issue).exists():
            DigestIssue.objects.filter(pk=issue.pk, status=DigestIssue.Status.SENDING).update(
                status=DigestIssue.Status.DONE, completed_at=now
            )
            continue
        logger.warning("Digest %s: resuming chunks %s", issue.pk, chunks)
        dispatch(issue.pk, chunks)
        resumed += len(chunks)
    return resumed


@transaction.atomic
def issue_retry_failed(*, issue: DigestIssue) -> int:
    """Queue an issue's failed deliveries again, with fresh attempts, and enqueue their chunks."""
    failed = issue.deliveries.filter(state=Delivery.State.FAILED)
    chunks = sorted(set(failed.values_list("chunk", flat=True)))
    count = failed.update(
        state=Delivery.State.QUEUED, attempts=0, next_attempt_at=None, sent_at=None
    )
    if count:
        DigestIssue.objects.filter(pk=issue.pk).update(
            status=DigestIssue.Status.SENDING, completed_at=None, last_progress_at=timezone.now()
        )
        transaction.on_commit(functools.partial(dispatch, issue.pk, chunks))
    return count


def issue_send_test(*, issue: DigestIssue, email: str) -> None:
    """Send the whole issue (every category) to one address, marked as a test."""
    renderer = _renderer(issue.pk)
    key = ",".join(str(i) for i in sorted({a.category_id for a in renderer.articles}))
    message = renderer.email_message(delivery_id=0, subscriber_id=0, email=email, category_key=key)
    message.subject = f"[Test] {message.subject}"
    message.extra_headers["Message-ID"] = (
        f"<digest.{issue.pk}.test.{uuid.uuid4().hex}@{site_host()}>"
    )
    message.send()
