"""Digest issues: work out what the next one holds, create it with its recipients frozen.

Creating an issue writes one `Delivery` row per recipient (unique per issue and subscriber)
and hands its chunks to the send tasks after commit; `newsletter.sending` sends them. The
periodic sweep resumes issues whose chunk tasks were lost, and editors may queue an issue's
failed deliveries again.
"""

import functools
import itertools
import logging
import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Article
from newsletter import dispatch
from newsletter.emails import DigestRenderer
from newsletter.models import DIGEST_ORDER, Delivery, DigestIssue, Frequency, Subscriber
from pagecache.dependencies import DIGESTS
from pagecache.versions import invalidate

logger = logging.getLogger(__name__)

PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
BATCH = 2000


def run_key(frequency: str, now) -> str:
    """Name the scheduled run a moment belongs to: the UTC day, or the ISO week."""
    if frequency == Frequency.WEEKLY:
        year, week, _ = now.isocalendar()
        return f"{year}-W{week:02d}"
    return now.date().isoformat()


def _window(frequency: str, now):
    previous = DigestIssue.objects.filter(frequency=frequency).order_by("-window_end").first()
    return (previous.window_end if previous else now - PERIODS[frequency]), now


def _issue_articles(start, end):
    return list(
        Article.objects.published()
        .filter(published_at__gt=start, published_at__lte=end)
        .select_related("category")
        .only("id", "title", "slug", "summary", "published_at", "category")
        .order_by(*DIGEST_ORDER)
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
            transaction.on_commit(
                functools.partial(dispatch.send_chunks, issue.pk, range(issue.chunk_count))
            )
            if issue.recipients:
                transaction.on_commit(functools.partial(_archive_grew, issue))
    except IntegrityError:
        # The other beat won the unique (frequency, run_key) constraint.
        logger.info("The %s digest for %s exists already", frequency, run)
        return None
    return issue


def _archive_grew(issue: DigestIssue) -> None:
    """Make stale the pages that list a new issue: the archive, the issue before, the sitemap."""
    invalidate(DIGESTS)


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
        dispatch.send_chunks(issue.pk, chunks)
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
        transaction.on_commit(functools.partial(dispatch.send_chunks, issue.pk, chunks))
    return count
