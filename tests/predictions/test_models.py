"""Database rules and query vocabulary of the predictions models."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from predictions import queries
from predictions.models import Forecast, Prediction, ProbabilityUpdate, ReaderRecord
from tests.articles.factories import ArticleFactory
from tests.predictions.factories import (
    ForecastFactory,
    PredictionFactory,
    ProbabilityUpdateFactory,
    ReaderFactory,
    category,
    make_resolved,
)

pytestmark = pytest.mark.django_db


def test_for_log_keeps_every_update_and_only_public_articles(prediction, django_assert_num_queries):
    live, draft, scheduled = (
        ArticleFactory(),
        ArticleFactory(draft=True),
        ArticleFactory(scheduled=True),
    )
    for article in (live, draft, scheduled, None):
        ProbabilityUpdateFactory(prediction=prediction, article=article)
    with django_assert_num_queries(2):  # the updates, then their public articles with categories
        updates = list(prediction.probability_updates.for_log())
        links = [u.public_article.get_absolute_url() for u in updates if u.public_article]
    assert links == [live.get_absolute_url()]
    assert len(updates) == 5  # the fixture's own update has no article
    shown = {update.article_id: update.public_article for update in updates}
    assert shown == {live.pk: live, draft.pk: None, scheduled.pk: None, None: None}


@pytest.mark.parametrize("probability", [0, 100, 150])
def test_update_probability_out_of_range_is_refused_by_the_database(prediction, probability):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProbabilityUpdate.objects.create(
            prediction=prediction, probability=probability, rationale="x"
        )


@pytest.mark.parametrize("probability", [0, 100])
def test_current_probability_out_of_range_is_refused_by_the_database(prediction, probability):
    with pytest.raises(IntegrityError), transaction.atomic():
        Prediction.objects.filter(pk=prediction.pk).update(current_probability=probability)


@pytest.mark.parametrize("probability", [0, 100])
def test_forecast_probability_out_of_range_is_refused_by_the_database(prediction, probability):
    with pytest.raises(IntegrityError), transaction.atomic():
        ForecastFactory(prediction=prediction, probability=probability)


def test_one_current_forecast_per_reader_and_prediction(prediction, reader):
    ForecastFactory(prediction=prediction, reader=reader)
    ForecastFactory(prediction=prediction, reader=reader, is_current=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ForecastFactory(prediction=prediction, reader=reader)
    assert Forecast.objects.filter(prediction=prediction, reader=reader).count() == 2


def test_scores_are_required_exactly_when_resolved(prediction):
    with pytest.raises(IntegrityError), transaction.atomic():
        Prediction.objects.filter(pk=prediction.pk).update(status="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Prediction.objects.filter(pk=prediction.pk).update(brier_at_close=0.1)


def test_close_must_follow_opening():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        PredictionFactory(opened_at=now, closes_at=now - datetime.timedelta(days=1))


def test_probability_updates_are_append_only(prediction):
    update = prediction.probability_updates.get()
    update.probability = 10
    with pytest.raises(ValueError, match="append-only"):
        update.save()
    assert prediction.probability_updates.get().probability == 60


def test_current_probability_is_the_latest_update(prediction):
    ProbabilityUpdateFactory(
        prediction=prediction,
        probability=75,
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert Prediction.objects.get(pk=prediction.pk).current_probability == 75
    # An update appended later with an earlier time is history, not the current figure.
    ProbabilityUpdateFactory(
        prediction=prediction,
        probability=20,
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    assert Prediction.objects.get(pk=prediction.pk).current_probability == 75


def test_change_is_measured_against_the_probability_seven_days_ago(prediction):
    now = timezone.now()
    ProbabilityUpdateFactory(
        prediction=prediction, probability=50, created_at=now - datetime.timedelta(days=8)
    )
    ProbabilityUpdateFactory(
        prediction=prediction, probability=58, created_at=now - datetime.timedelta(days=2)
    )
    annotated = Prediction.objects.with_change().get(pk=prediction.pk)
    assert (annotated.current_probability, annotated.previous_probability) == (58, 50)
    assert annotated.change == 8


def test_change_of_a_new_prediction_counts_from_its_first_update():
    now = timezone.now()
    p = PredictionFactory(opened_at=now - datetime.timedelta(days=3))
    ProbabilityUpdateFactory(
        prediction=p, probability=40, created_at=now - datetime.timedelta(days=2)
    )
    ProbabilityUpdateFactory(
        prediction=p, probability=35, created_at=now - datetime.timedelta(days=1)
    )
    assert Prediction.objects.with_change().get(pk=p.pk).change == -5


def test_status_vocabulary():
    now = timezone.now()
    open_ = PredictionFactory()
    past_close = PredictionFactory(
        opened_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1)
    )
    resolved = make_resolved()
    annulled = PredictionFactory(status=Prediction.Status.ANNULLED)
    assert list(Prediction.objects.open()) == [open_]
    assert list(Prediction.objects.closed()) == [past_close]
    assert list(Prediction.objects.resolved()) == [resolved]
    assert list(Prediction.objects.annulled()) == [annulled]
    assert past_close.public_status == Prediction.Status.CLOSED
    assert not past_close.is_open()
    assert open_.is_open()
    assert list(Prediction.objects.with_status("nonsense").order_by("pk")) == [
        open_,
        past_close,
        resolved,
        annulled,
    ]


def test_track_record_totals_and_calibration_are_aggregated_in_sql():
    make_resolved(probability=70, outcome=True)
    make_resolved(probability=75, outcome=False)
    make_resolved(probability=20, outcome=False)
    make_resolved(probability=50, outcome=True)
    PredictionFactory(status=Prediction.Status.ANNULLED)
    PredictionFactory()
    record = queries.track_record()
    totals = record["totals"]
    assert totals["resolved"] == 4
    assert totals["annulled"] == 1
    assert totals["mean_brier"] == pytest.approx((0.09 + 0.5625 + 0.04 + 0.25) / 4)
    assert totals["right_share"] == pytest.approx((1 + 0 + 1 + 0.5) / 4)
    assert totals["skill"] == pytest.approx(1 - totals["mean_brier"] / 0.25)
    bins = [(b.index, b.count, b.mean_forecast, b.yes_count) for b in record["bins"]]
    assert bins == [(2, 1, 0.2, 0), (5, 1, 0.5, 1), (7, 2, 0.725, 1)]


def test_score_groups_stay_few_whatever_the_number_of_predictions():
    for _ in range(6):
        make_resolved(probability=72, outcome=True)
    assert len(Prediction.objects.score_groups()) == 1


def test_scores_by_category_and_year():
    make_resolved(probability=70, outcome=True)
    make_resolved(probability=30, outcome=True, category=category("sports"))
    record = queries.track_record()
    by_category = {row["category__slug"]: row for row in record["by_category"]}
    assert list(by_category) == ["tech", "sports"]  # in the categories' own order
    assert by_category["tech"]["mean_brier"] == pytest.approx(0.09)
    assert by_category["sports"]["mean_brier"] == pytest.approx(0.49)
    (year,) = record["by_year"]
    assert year["year"] == timezone.now().year
    assert year["count"] == 2


def test_leaderboard_ranks_readers_by_mean_brier():
    good, poor = ReaderFactory(), ReaderFactory()
    make_resolved(outcome=True, readers=[(good, 90), (poor, 30)])
    make_resolved(outcome=False, readers=[(good, 20)])
    rows = list(ReaderRecord.objects.leaderboard(minimum=1))
    assert [row.reader for row in rows] == [good, poor]
    assert rows[0].scored == 2
    assert rows[0].mean_brier == pytest.approx((0.01 + 0.04) / 2)
    assert ReaderRecord.objects.leaderboard().count() == 0  # nobody has 5 yet
