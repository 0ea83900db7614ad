"""Writes to predictions: reader forecasts, newsroom updates, resolution and its undoing."""

import json
import logging
from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from celery import current_app
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Subquery
from django.utils import timezone

from articles.services import SEARCH_CONFIG
from pagecache import dependencies
from pagecache.versions import invalidate
from predictions import alerts, records, scoring
from predictions.models import (
    COMMUNITY_MINIMUM,
    CommunitySnapshot,
    Forecast,
    Prediction,
    ProbabilityUpdate,
)

logger = logging.getLogger(__name__)

# The task `_refresh_forecast_pages_soon` books, by name: `predictions.tasks` imports this module.
REFRESH_FORECAST_PAGES = "predictions.refresh_forecast_pages"


def forecast_pages_refresh(*, prediction_id: int) -> None:
    """Make stale the pages a reader's forecast changes: the prediction's and the list's."""
    slug = Prediction.objects.filter(pk=prediction_id).values_list("slug", flat=True).first()
    if slug is not None:
        invalidate(dependencies.prediction(slug), dependencies.COMMUNITY)


def _refresh_forecast_pages_soon(prediction: Prediction) -> None:
    """Refresh the forecast pages now, or once at the end of a burst already being refreshed.

    The first forecast of a burst refreshes the pages at once; later ones within
    FORECAST_BURST_SECONDS share one refresh when the burst window ends, so 200 forecasts in
    two seconds clear the pages twice, not 200 times. The cache keeps the window.
    """
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
    refresh = current_app.tasks[REFRESH_FORECAST_PAGES]  # unregistered is a bug, not an outage
    try:
        refresh.apply_async(args=[prediction.pk], countdown=seconds)
    except Exception:  # kombu and redis raise many error classes for an unreachable broker
        logger.warning("Could not enqueue the forecast pages' refresh; refreshing them now")
        forecast_pages_refresh(prediction_id=prediction.pk)


def newsroom_changed(*slugs: str, scores: bool = False) -> None:
    """Make stale every page showing the newsroom's forecasts, and those of the predictions
    at `slugs`; with `scores`, the readers' records too."""
    scopes = [dependencies.FORECASTS, *map(dependencies.prediction, slugs)]
    invalidate(*scopes, *([dependencies.RECORDS] if scores else []))


def _newsroom_changed_on_commit(prediction: Prediction, *, scores: bool = False) -> None:
    slug = prediction.slug
    transaction.on_commit(lambda: newsroom_changed(slug, scores=scores))


# SQLite has no search document: an FTS5 table (migration 0003) holds each prediction's text
# by column, weighted when ranked as the document's parts are; rowid is the prediction's id.
SQLITE_SEARCH_TABLE = "predictions_prediction_fts"
_SQLITE_UNINDEX = """
    DELETE FROM predictions_prediction_fts WHERE rowid IN (SELECT value FROM json_each(%s))
"""
_SQLITE_INDEX = """
    INSERT INTO predictions_prediction_fts (rowid, claim, criteria, note)
    SELECT id, claim, resolution_criteria, resolution_note
    FROM predictions_prediction WHERE id IN (SELECT value FROM json_each(%s))
"""


def prediction_index_for_search(*, prediction_ids) -> None:
    """Refresh the full-text index of these predictions: a weighted document, or an FTS5 row."""
    if connection.vendor == "sqlite":
        ids = json.dumps([int(pk) for pk in prediction_ids])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_SQLITE_UNINDEX, [ids])
            cursor.execute(_SQLITE_INDEX, [ids])
        return
    if connection.vendor != "postgresql":
        return
    Prediction.objects.filter(pk__in=list(prediction_ids)).update(
        search_document=SearchVector("claim", weight="A", config=SEARCH_CONFIG)
        + SearchVector("resolution_criteria", weight="B", config=SEARCH_CONFIG)
        + SearchVector("resolution_note", weight="C", config=SEARCH_CONFIG)
    )


@transaction.atomic
def prediction_save(
    *, prediction: Prediction, save_related: Callable[[], object] = lambda: None
) -> Prediction:
    """Save a prediction as an editor wrote it, with `save_related` saving what the admin's
    forms hold beside it (the articles it informs, new updates); refresh its search entry
    and, once committed, the pages that show it, at its old slug too."""
    slug_before = Prediction.objects.filter(pk=prediction.pk).values_list("slug", flat=True).first()
    prediction.save()
    save_related()
    prediction_index_for_search(prediction_ids=[prediction.pk])
    slugs = {prediction.slug, slug_before or prediction.slug}
    transaction.on_commit(lambda: newsroom_changed(*slugs))
    return prediction


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
def forecast_submit(
    *, prediction: Prediction, reader, probability: int, alert: bool | None = None, now=None
) -> Forecast:
    """Record a reader's forecast, keep the previous one as history, refresh the community.

    A forecast within FORECAST_BURST_SECONDS of the reader's last one replaces it rather than
    adding to their history: second thoughts a moment later are one forecast. With `alert`,
    whether the reader wants an email when the prediction resolves is kept with it.
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
    if alert is not None:
        alerts.resolution_alert_set(prediction=prediction, reader=reader, wanted=alert)
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
    # The latest update is current; one appended with an earlier time (`at`) is history.
    latest = prediction.probability_updates.order_by("-created_at", "-pk").values("probability")
    Prediction.objects.filter(pk=prediction.pk).update(current_probability=Subquery(latest[:1]))
    _newsroom_changed_on_commit(prediction)
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
    _newsroom_changed_on_commit(prediction)
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
    if note is not None:
        prediction_index_for_search(prediction_ids=[prediction.pk])

    records.reader_scores_store(prediction=prediction, newsroom=newsroom, end=end, outcome=outcome)
    alerts.resolution_emails_queue(prediction=prediction, now=now)
    _newsroom_changed_on_commit(prediction, scores=True)
    return prediction


def _clear_scores(prediction: Prediction) -> None:
    records.reader_scores_clear(prediction=prediction)
    prediction.outcome = None
    prediction.final_probability = None
    prediction.brier_at_close = None
    prediction.brier_time_averaged = None
    prediction.log_score_at_close = None


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
    if note is not None:
        prediction_index_for_search(prediction_ids=[prediction.pk])
    alerts.resolution_emails_queue(prediction=prediction, now=prediction.resolved_at)
    _newsroom_changed_on_commit(prediction, scores=True)
    return prediction


@transaction.atomic
def prediction_unresolve(*, prediction: Prediction) -> Prediction:
    """Reopen a resolved or annulled prediction and clear every score stored for it."""
    prediction = _lock(prediction)
    if not (prediction.is_resolved or prediction.is_annulled):
        raise PredictionError("Only a resolved or annulled prediction can be un-resolved.")
    _clear_scores(prediction)
    alerts.resolution_emails_withdraw(prediction=prediction)
    prediction.status = Prediction.Status.OPEN
    prediction.resolved_at = None
    prediction.save()
    _newsroom_changed_on_commit(prediction, scores=True)
    return prediction
