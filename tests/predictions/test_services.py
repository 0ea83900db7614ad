"""Forecasting, resolution, annulment and un-resolution through predictions.services."""

import datetime
import math

import pytest
from django.utils import timezone

from pagecache import dependencies
from predictions import records, services
from predictions.models import CommunitySnapshot, Forecast, Prediction, ReaderRecord, ReaderScore
from tests.pagecache.scopes import invalidated_by
from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    ReaderFactory,
    make_resolved,
)

pytestmark = pytest.mark.django_db


def test_a_new_forecast_supersedes_the_last_and_keeps_it(prediction, reader):
    now = timezone.now()
    services.forecast_submit(
        prediction=prediction, reader=reader, probability=30, now=now - datetime.timedelta(hours=1)
    )
    services.forecast_submit(prediction=prediction, reader=reader, probability=45, now=now)
    history = list(Forecast.objects.filter(reader=reader).values_list("probability", "is_current"))
    assert history == [(30, False), (45, True)]
    prediction.refresh_from_db()
    assert prediction.forecaster_count == 1


def test_second_thoughts_within_a_minute_replace_the_forecast(prediction, reader, settings):
    assert settings.FORECAST_BURST_SECONDS == 60
    start = timezone.now() - datetime.timedelta(minutes=5)
    for seconds, percent in [(0, 30), (20, 35), (50, 40), (109, 45), (170, 50)]:
        services.forecast_submit(
            prediction=prediction,
            reader=reader,
            probability=percent,
            now=start + datetime.timedelta(seconds=seconds),
        )
    history = list(Forecast.objects.filter(reader=reader).values_list("probability", "is_current"))
    # 20 s and 50 s after a forecast each replace it; 59 s after 50 s still does; 61 s does not.
    assert history == [(45, False), (50, True)]


def test_unverified_readers_cannot_forecast(prediction):
    reader = ReaderFactory(verified=False)
    with pytest.raises(services.PredictionError, match="Verify"):
        services.forecast_submit(prediction=prediction, reader=reader, probability=30)
    assert not Forecast.objects.exists()


@pytest.mark.parametrize("status", ["closed", "yes", "annulled"])
def test_no_forecast_on_a_settled_prediction(reader, status):
    prediction = make_resolved() if status == "yes" else PredictionFactory(status=status)
    with pytest.raises(services.PredictionError, match="closed"):
        services.forecast_submit(prediction=prediction, reader=reader, probability=30)
    assert not Forecast.objects.exists()


def test_no_forecast_after_the_close(reader):
    now = timezone.now()
    prediction = PredictionFactory(
        opened_at=now - datetime.timedelta(days=5), closes_at=now - datetime.timedelta(seconds=1)
    )
    with pytest.raises(services.PredictionError):
        services.forecast_submit(prediction=prediction, reader=reader, probability=30)


def test_community_median_appears_from_five_readers_and_is_recency_weighted(prediction):
    start = timezone.now() - datetime.timedelta(days=10)
    for day, percent in enumerate([10, 10, 10, 80]):
        services.forecast_submit(
            prediction=prediction,
            reader=ReaderFactory(),
            probability=percent,
            now=start + datetime.timedelta(days=day),
        )
    prediction.refresh_from_db()
    assert prediction.community_percent is None
    assert not CommunitySnapshot.objects.exists()
    services.forecast_submit(
        prediction=prediction,
        reader=ReaderFactory(),
        probability=90,
        now=start + datetime.timedelta(days=5),
    )
    prediction.refresh_from_db()
    # Hand-computed in test_scoring: the recency weights make it 80, not the plain median 10.
    assert prediction.community_percent == 80
    assert prediction.forecaster_count == 5
    assert list(CommunitySnapshot.objects.values_list("probability", flat=True)) == [80]


def test_a_forecast_invalidates_its_prediction_and_the_readers_figures_alone(
    prediction, reader, django_capture_on_commit_callbacks
):
    scope = dependencies.prediction(prediction.slug)
    assert invalidated_by(
        lambda: services.forecast_submit(prediction=prediction, reader=reader, probability=30),
        django_capture_on_commit_callbacks,
        scope,
    ) == {scope, dependencies.COMMUNITY}


def test_resolution_stores_newsroom_and_reader_scores_in_one_go():
    now = timezone.now()
    alice, bob = ReaderFactory(), ReaderFactory()
    prediction = PredictionFactory(
        opened_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=10)
    )
    # Newsroom: 40 % from day 0 to day 10, then 80 % until the close on day 30.
    ProbabilityUpdateFactory(
        prediction=prediction, probability=40, created_at=now - datetime.timedelta(days=40)
    )
    ProbabilityUpdateFactory(
        prediction=prediction, probability=80, created_at=now - datetime.timedelta(days=30)
    )
    services.forecast_submit(
        prediction=prediction, reader=alice, probability=90, now=now - datetime.timedelta(days=20)
    )
    services.forecast_submit(
        prediction=prediction, reader=bob, probability=20, now=now - datetime.timedelta(days=35)
    )
    services.forecast_submit(
        prediction=prediction, reader=bob, probability=60, now=now - datetime.timedelta(days=15)
    )

    resolved = services.prediction_resolve(prediction=prediction, outcome=True, note="It happened.")

    assert resolved.status == Prediction.Status.RESOLVED_YES
    assert resolved.final_probability == 80
    assert resolved.brier_at_close == pytest.approx(0.04)
    assert resolved.log_score_at_close == pytest.approx(100 * (math.log2(0.8) + 1))
    # (10 days · 0.36 + 20 days · 0.04) / 30 days
    assert resolved.brier_time_averaged == pytest.approx((10 * 0.36 + 20 * 0.04) / 30)
    assert resolved.resolution_note == "It happened."
    scores = {s.reader_id: s for s in ReaderScore.objects.all()}
    assert scores[alice.pk].brier == pytest.approx(0.01)
    assert scores[alice.pk].newsroom_brier == pytest.approx(0.04)
    assert scores[alice.pk].coverage == pytest.approx(10 / 30)
    assert scores[alice.pk].final_probability == 90
    # Bob: 20 % for 20 days then 60 % for 5 days.
    assert scores[bob.pk].brier == pytest.approx((20 * 0.64 + 5 * 0.16) / 25)
    # The newsroom over Bob's window: 40 % for 5 days, then 80 % for 20.
    assert scores[bob.pk].newsroom_brier == pytest.approx((5 * 0.36 + 20 * 0.04) / 25)


def test_resolving_before_the_close_scores_up_to_the_resolution():
    now = timezone.now()
    prediction = PredictionFactory(opened_at=now - datetime.timedelta(days=10))
    ProbabilityUpdateFactory(
        prediction=prediction, probability=30, created_at=now - datetime.timedelta(days=10)
    )
    resolved = services.prediction_resolve(prediction=prediction, outcome=False)
    assert resolved.scoring_end == resolved.resolved_at
    assert resolved.brier_at_close == pytest.approx(0.09)


def test_resolution_without_a_newsroom_probability_is_refused():
    prediction = PredictionFactory()
    with pytest.raises(services.PredictionError, match="no probability"):
        services.prediction_resolve(prediction=prediction, outcome=True)
    prediction.refresh_from_db()
    assert prediction.status == Prediction.Status.OPEN


def test_resolving_twice_is_refused():
    prediction = make_resolved()
    with pytest.raises(services.PredictionError):
        services.prediction_resolve(prediction=prediction, outcome=False)


def test_unresolve_clears_every_score():
    prediction = make_resolved(readers=[(ReaderFactory(), 70)])
    assert ReaderScore.objects.count() == 1
    reopened = services.prediction_unresolve(prediction=prediction)
    assert reopened.status == Prediction.Status.OPEN
    assert reopened.resolved_at is None
    assert reopened.brier_at_close is None
    assert reopened.final_probability is None
    assert not ReaderScore.objects.exists()
    again = services.prediction_resolve(prediction=reopened, outcome=False)
    assert again.status == Prediction.Status.RESOLVED_NO
    assert ReaderScore.objects.get().outcome is False


def test_annul_is_never_scored_and_clears_scores():
    prediction = make_resolved(readers=[(ReaderFactory(), 70)])
    annulled = services.prediction_annul(prediction=prediction, note="Called off.")
    assert annulled.status == Prediction.Status.ANNULLED
    assert annulled.brier_at_close is None
    assert not ReaderScore.objects.exists()
    with pytest.raises(services.PredictionError):
        services.prediction_annul(prediction=annulled)
    assert services.prediction_unresolve(prediction=annulled).status == Prediction.Status.OPEN


def test_unresolving_an_open_prediction_is_refused(prediction):
    with pytest.raises(services.PredictionError):
        services.prediction_unresolve(prediction=prediction)


def test_no_update_after_resolution():
    prediction = make_resolved()
    with pytest.raises(services.PredictionError):
        services.probability_update_add(prediction=prediction, probability=50, rationale="Late.")
    assert prediction.probability_updates.count() == 1


def test_close_now(prediction):
    closed = services.prediction_close(prediction=prediction)
    assert closed.status == Prediction.Status.CLOSED
    assert not closed.is_open()
    assert list(Prediction.objects.closed()) == [closed]


def test_resolution_invalidates_the_newsroom_forecasts_and_the_records(
    django_capture_on_commit_callbacks, prediction
):
    scope = dependencies.prediction(prediction.slug)
    assert invalidated_by(
        lambda: services.prediction_resolve(prediction=prediction, outcome=True),
        django_capture_on_commit_callbacks,
        scope,
    ) == {scope, dependencies.FORECASTS, dependencies.RECORDS}


def test_resolution_is_all_or_nothing(monkeypatch, prediction):
    services.forecast_submit(prediction=prediction, reader=ReaderFactory(), probability=70)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # Fails after the reader scores are written: they must go too.
    monkeypatch.setattr(records, "_add_to_records", fail)
    with pytest.raises(RuntimeError):
        services.prediction_resolve(prediction=prediction, outcome=True)
    prediction.refresh_from_db()
    assert prediction.status == Prediction.Status.OPEN
    assert prediction.brier_at_close is None
    assert not ReaderScore.objects.exists()


def test_reader_records_follow_resolution_and_unresolution():
    alice, bob = ReaderFactory(), ReaderFactory()
    first = make_resolved(outcome=True, readers=[(alice, 90), (bob, 40)])
    make_resolved(outcome=False, readers=[(alice, 30)])
    alice_record = ReaderRecord.objects.get(reader=alice)
    assert alice_record.scored == 2
    assert alice_record.mean_brier == pytest.approx((0.01 + 0.09) / 2)
    assert alice_record.beats_newsroom  # the newsroom said 70 % on both

    services.prediction_unresolve(prediction=first)
    alice_record.refresh_from_db()
    assert alice_record.scored == 1
    assert alice_record.mean_brier == pytest.approx(0.09)
    bob_record = ReaderRecord.objects.get(reader=bob)
    assert (bob_record.scored, bob_record.mean_brier, bob_record.brier_sum) == (0, None, 0)

    services.prediction_resolve(prediction=first, outcome=False)
    kept = {r.pk: (r.scored, r.mean_brier, r.newsroom_brier) for r in ReaderRecord.objects.all()}
    assert records.reader_records_rebuild() == 2
    rebuilt = {r.pk: (r.scored, r.mean_brier, r.newsroom_brier) for r in ReaderRecord.objects.all()}
    assert rebuilt.keys() == kept.keys()
    for pk, (scored, mean, newsroom) in kept.items():
        assert rebuilt[pk][0] == scored
        assert rebuilt[pk][1] == pytest.approx(mean)
        assert rebuilt[pk][2] == pytest.approx(newsroom)


def test_annulling_a_resolved_prediction_takes_its_scores_off_the_records():
    reader = ReaderFactory()
    resolved = make_resolved(readers=[(reader, 60)])
    services.prediction_annul(prediction=resolved)
    assert ReaderRecord.objects.get(reader=reader).scored == 0
