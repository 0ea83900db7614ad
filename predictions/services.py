"""Writes to predictions: reader forecasts, newsroom updates, resolution and its undoing."""

import logging
from datetime import timedelta
from itertools import groupby

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Avg, Count, F, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from predictions import scoring
from predictions.models import (
    COMMUNITY_MINIMUM,
    CommunitySnapshot,
    Forecast,
    Prediction,
    ProbabilityUpdate,
    ReaderRecord,
    ReaderScore,
)
from veridact.caching import invalidate

logger = logging.getLogger(__name__)

# Names the cached “Our forecast” boxes of article pages (see `articles.fragments`).
NEWSROOM_FORECASTS = "newsroom-forecasts"


def forecast_pages_refresh(*, prediction_id: int) -> None:
    """Make stale the pages a reader's forecast changes: the prediction's and the list's."""
    slug = Prediction.objects.filter(pk=prediction_id).values_list("slug", flat=True).first()
    if slug is not None:
        invalidate(reverse("predictions:detail", args=[slug]), reverse("predictions:index"))


def _refresh_forecast_pages_soon(prediction: Prediction) -> None:
    """Refresh the forecast pages now, or once at the end of a burst already being refreshed.

    The first forecast of a burst refreshes the pages at once; later ones within
    FORECAST_BURST_SECONDS share one refresh when the burst window ends, so 200 forecasts in
    two seconds clear the pages twice, not 200 times. The cache keeps the window.
    """
    from predictions import tasks  # tasks import this module

    seconds = settings.FORECAST_BURST_SECONDS
    try:
        first = cache.add(f"forecast-pages-refreshed:{prediction.pk}", 1, timeout=seconds)
        end_booked = first is False and not cache.add(
            f"forecast-pages-pending:{prediction.pk}", 1, timeout=seconds
        )
    except Exception:  # the cache is down, and so is the page cache: nothing to save
        logger.warning("Forecast burst unknown: the cache is unavailable", exc_info=True)
        first, end_booked = None, False
    # False: a burst is under way. None: django-redis swallowed an outage; refresh then.
    if first is not False:
        forecast_pages_refresh(prediction_id=prediction.pk)
        return
    if end_booked:
        return
    try:
        tasks.refresh_forecast_pages.apply_async(args=[prediction.pk], countdown=seconds)
    except Exception:  # kombu and redis raise many error classes for an unreachable broker
        logger.warning("Could not enqueue the forecast pages' refresh; refreshing them now")
        forecast_pages_refresh(prediction_id=prediction.pk)


def newsroom_changed() -> None:
    """Make stale every page showing the newsroom's predictions: article and home pages too."""
    invalidate(scopes=[NEWSROOM_FORECASTS])


class PredictionError(Exception):
    """A write the prediction's state does not allow; the message is for people."""


def reader_can_forecast(reader) -> bool:
    """Whether a reader may forecast: signed in with a verified email address."""
    if not reader.is_authenticated:
        return False
    return EmailAddress.objects.filter(user=reader, verified=True).exists()


def _lock(prediction: Prediction) -> Prediction:
    return Prediction.objects.select_for_update().get(pk=prediction.pk)


def _in_burst(earlier, now) -> bool:
    return earlier <= now < earlier + timedelta(seconds=settings.FORECAST_BURST_SECONDS)


@transaction.atomic
def forecast_submit(*, prediction: Prediction, reader, probability: int, now=None) -> Forecast:
    """Record a reader's forecast, keep the previous one as history, refresh the community.

    A forecast within FORECAST_BURST_SECONDS of the reader's last one replaces it rather than
    adding to their history: second thoughts a moment later are one forecast.
    """
    now = now or timezone.now()
    if not reader_can_forecast(reader):
        raise PredictionError("Verify your email address before forecasting.")
    if not 1 <= probability <= 99:
        raise PredictionError("A forecast is a whole percentage from 1 to 99.")
    # Locking serialises forecasts on one prediction with each other and with resolution.
    prediction = _lock(prediction)
    if not prediction.is_open(now):
        raise PredictionError("This prediction is closed to forecasts.")
    current = Forecast.objects.filter(prediction=prediction, reader=reader, is_current=True).first()
    if current is not None and _in_burst(current.created_at, now):
        current.probability, current.created_at = probability, now
        current.save(update_fields=["probability", "created_at"])
        forecast = current
    else:
        if current is not None:
            current.is_current = False
            current.save(update_fields=["is_current"])
        forecast = Forecast.objects.create(
            prediction=prediction, reader=reader, probability=probability, created_at=now
        )
    _refresh_community(prediction, now=now)
    transaction.on_commit(lambda: _refresh_forecast_pages_soon(prediction))
    return forecast


def _refresh_community(prediction: Prediction, *, now) -> None:
    latest = list(
        Forecast.objects.current()
        .filter(prediction=prediction)
        .order_by("created_at", "pk")
        .values_list("created_at", "probability")
    )
    median = scoring.community_median(latest, minimum=COMMUNITY_MINIMUM)
    previous = prediction.community_probability
    prediction.community_probability = median
    prediction.forecaster_count = len(latest)
    prediction.save(update_fields=["community_probability", "forecaster_count"])
    if median is None or median == previous:
        return
    # The chart's reader line gains at most one point per burst window: a change soon after
    # the last point moves that point instead.
    last = prediction.community_snapshots.order_by("-created_at", "-pk").first()
    if last is not None and _in_burst(last.created_at, now):
        last.probability, last.forecaster_count = median, len(latest)
        last.save(update_fields=["probability", "forecaster_count"])
    else:
        CommunitySnapshot.objects.create(
            prediction=prediction, probability=median, forecaster_count=len(latest), created_at=now
        )


@transaction.atomic
def probability_update_add(
    *, prediction: Prediction, probability: int, rationale: str, article=None, at=None
) -> ProbabilityUpdate:
    """Append a newsroom probability to an open or closed, unresolved prediction."""
    prediction = _lock(prediction)
    if prediction.is_resolved or prediction.is_annulled:
        raise PredictionError("A resolved or annulled prediction takes no more updates.")
    update = ProbabilityUpdate(
        prediction=prediction, probability=probability, rationale=rationale, article=article
    )
    if at is not None:
        update.created_at = at
    update.full_clean(exclude=["prediction"])
    update.save()
    transaction.on_commit(newsroom_changed)
    return update


@transaction.atomic
def prediction_close(*, prediction: Prediction, now=None) -> Prediction:
    """Close an open prediction to forecasts now, ahead of its scheduled close."""
    now = now or timezone.now()
    prediction = _lock(prediction)
    if prediction.status != Prediction.Status.OPEN:
        raise PredictionError("Only an open prediction can be closed.")
    prediction.status = Prediction.Status.CLOSED
    prediction.closes_at = min(prediction.closes_at, now)
    prediction.save(update_fields=["status", "closes_at"])
    transaction.on_commit(newsroom_changed)
    return prediction


@transaction.atomic
def prediction_resolve(
    *,
    prediction: Prediction,
    outcome: bool,
    note: str | None = None,
    source: str | None = None,
    now=None,
) -> Prediction:
    """Resolve yes or no and store the newsroom's and every reader's scores, all or nothing."""
    now = now or timezone.now()
    prediction = _lock(prediction)
    if prediction.is_resolved or prediction.is_annulled:
        raise PredictionError("Un-resolve the prediction before resolving it again.")
    prediction.resolved_at = now
    end = prediction.scoring_end

    history = list(
        prediction.probability_updates.order_by("created_at", "pk").values_list(
            "created_at", "probability"
        )
    )
    newsroom = [(time, percent / 100) for time, percent in history]
    standing = scoring.at_close(newsroom, end=end)
    if standing is None:
        raise PredictionError("The newsroom gave no probability before the close; annul instead.")

    prediction.status = Prediction.Status.RESOLVED_YES if outcome else Prediction.Status.RESOLVED_NO
    prediction.outcome = outcome
    prediction.final_probability = round(standing * 100)
    prediction.brier_at_close = scoring.brier(standing, outcome)
    prediction.log_score_at_close = scoring.log_score(standing, outcome)
    prediction.brier_time_averaged = scoring.time_averaged(newsroom, end=end, outcome=outcome)
    if note is not None:
        prediction.resolution_note = note
    if source is not None:
        prediction.resolution_source = source
    prediction.save()

    _insert_scores(prediction, _reader_scores(prediction, newsroom, end=end, outcome=outcome))
    _add_to_records(prediction)
    transaction.on_commit(newsroom_changed)
    return prediction


def _reader_scores(prediction, newsroom, *, end, outcome):
    forecasts = (
        Forecast.objects.filter(prediction=prediction, created_at__lte=end)
        .order_by("reader_id", "created_at", "pk")
        .values_list("reader_id", "created_at", "probability")
        .iterator(chunk_size=10_000)
    )
    for reader_id, rows in groupby(forecasts, key=lambda row: row[0]):
        history = [(time, percent / 100) for _, time, percent in rows]
        start = history[0][0]
        # The newsroom is judged over the same window as the reader, from the reader's first
        # forecast, so a reader who arrives late is not credited with the newsroom's early doubt.
        window = [(start, scoring.at_close(newsroom, end=start) or newsroom[0][1])]
        window += [(time, p) for time, p in newsroom if start < time <= end]
        yield (
            prediction.pk,
            reader_id,
            round(history[-1][1] * 100),
            outcome,
            scoring.time_averaged(history, end=end, outcome=outcome),
            scoring.time_averaged(history, end=end, outcome=outcome, score=scoring.log_score),
            scoring.time_averaged(window, end=end, outcome=outcome),
            scoring.coverage(history, start=prediction.opened_at, end=end),
        )


SCORE_COLUMNS = [
    "prediction_id",
    "reader_id",
    "final_probability",
    "outcome",
    "brier",
    "log_score",
    "newsroom_brier",
    "coverage",
]


def _table(model, columns):
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), ", ".join(quote(column) for column in columns)


def _insert_scores(prediction: Prediction, rows) -> None:
    # Multi-row INSERTs of plain tuples: at 10,000 readers, building and preparing a model
    # instance per score (bulk_create) cost more than the scoring itself.
    table, columns = _table(ReaderScore, SCORE_COLUMNS)
    fields = [ReaderScore._meta.get_field(name.removesuffix("_id")) for name in SCORE_COLUMNS]
    # Scored in full first: the forecasts stream from a server-side cursor on the same
    # connection, which cannot be read while a COPY is under way.
    rows = list(rows)
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk path: several times faster than INSERT at 10,000 rows.
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    row_placeholder = "(" + ", ".join(["%s"] * len(SCORE_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for first in range(0, len(rows), size):
            batch = rows[first : first + size]
            values = ", ".join([row_placeholder] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608 (names from the model)
                [value for row in batch for value in row],
            )


RECORD_SUMS = {
    "brier_sum": "brier",
    "log_score_sum": "log_score",
    "newsroom_brier_sum": "newsroom_brier",
    "coverage_sum": "coverage",
}


def _subtract_from_records(prediction: Prediction) -> None:
    """Take one prediction's scores off its readers' records, before they are deleted."""
    scores = ReaderScore.objects.filter(prediction=prediction)
    own = scores.filter(reader=OuterRef("reader"))
    records = ReaderRecord.objects.filter(reader__in=scores.values("reader"))
    changes = {"scored": F("scored") - 1}
    for total, field in RECORD_SUMS.items():
        changes[total] = F(total) - Subquery(own.values(field)[:1])
    records.update(**changes)
    records.filter(scored__gt=0).update(mean_brier=F("brier_sum") / F("scored"))
    # Back to zero exactly, rather than a float residue of adding and subtracting.
    records.filter(scored=0).update(mean_brier=None, **dict.fromkeys(RECORD_SUMS, 0.0))


def _add_to_records(prediction: Prediction) -> None:
    """Add one prediction's scores to its readers' records, creating the records they lack."""
    # One INSERT … SELECT … ON CONFLICT DO UPDATE (PostgreSQL, and SQLite ≥ 3.24) adds the
    # prediction's scores to every reader's record, creating the records it lacks.
    record, _ = _table(ReaderRecord, [])
    score, _ = _table(ReaderScore, [])
    quote = connection.ops.quote_name
    sums = list(RECORD_SUMS.items())
    totals = ", ".join(quote(total) for total, _ in sums)
    fields = ", ".join(quote(field) for _, field in sums)
    increments = ", ".join(
        f"{quote(total)} = {record}.{quote(total)} + excluded.{quote(total)}" for total, _ in sums
    )
    sql = (
        f"INSERT INTO {record} (reader_id, scored, {totals}, mean_brier) "  # noqa: S608 (names from the model)
        f"SELECT reader_id, 1, {fields}, brier FROM {score} WHERE prediction_id = %s "
        f"ON CONFLICT (reader_id) DO UPDATE SET scored = {record}.scored + 1, {increments}, "
        f"mean_brier = ({record}.brier_sum + excluded.brier_sum) / ({record}.scored + 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prediction.pk])


@transaction.atomic
def reader_records_rebuild() -> int:
    """Recompute every reader's record from the stored scores; return how many there are."""
    ReaderRecord.objects.all().delete()
    totals = ReaderScore.objects.values("reader_id").annotate(
        scored=Count("pk"),
        mean_brier=Avg("brier"),
        **{total: Sum(field) for total, field in RECORD_SUMS.items()},
    )
    records = ReaderRecord.objects.bulk_create(
        (ReaderRecord(**row) for row in totals.order_by()), batch_size=5000
    )
    return len(records)


def _clear_scores(prediction: Prediction) -> None:
    if prediction.is_resolved:
        _subtract_from_records(prediction)
    prediction.outcome = None
    prediction.final_probability = None
    prediction.brier_at_close = None
    prediction.brier_time_averaged = None
    prediction.log_score_at_close = None
    ReaderScore.objects.filter(prediction=prediction).delete()


@transaction.atomic
def prediction_annul(*, prediction: Prediction, note: str | None = None, now=None) -> Prediction:
    """Annul a prediction: it is never scored, and stays listed as annulled."""
    prediction = _lock(prediction)
    if prediction.is_annulled:
        raise PredictionError("This prediction is already annulled.")
    _clear_scores(prediction)
    prediction.status = Prediction.Status.ANNULLED
    prediction.resolved_at = now or timezone.now()
    if note is not None:
        prediction.resolution_note = note
    prediction.save()
    transaction.on_commit(newsroom_changed)
    return prediction


@transaction.atomic
def prediction_unresolve(*, prediction: Prediction) -> Prediction:
    """Reopen a resolved or annulled prediction and clear every score stored for it."""
    prediction = _lock(prediction)
    if not (prediction.is_resolved or prediction.is_annulled):
        raise PredictionError("Only a resolved or annulled prediction can be un-resolved.")
    _clear_scores(prediction)
    prediction.status = Prediction.Status.OPEN
    prediction.resolved_at = None
    prediction.save()
    transaction.on_commit(newsroom_changed)
    return prediction
