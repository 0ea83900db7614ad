"""The demo newsroom: enough predictions for every page to show something, loaded idempotently."""

import io

import pytest
from django.core.management import call_command

from predictions import demo, queries
from predictions.models import Forecast, Prediction, ReaderScore
from tests.articles.factories import ArticleFactory
from tests.predictions.factories import category

pytestmark = pytest.mark.django_db


def test_seed_builds_predictions_resolutions_and_reader_forecasts():
    article = ArticleFactory(category=category("finance"))
    demo.seed(stdout=io.StringIO())
    assert Prediction.objects.count() >= 40
    assert Prediction.objects.resolved().count() >= 25
    assert Prediction.objects.annulled().exists()
    assert Prediction.objects.open().exists()
    assert set(Prediction.objects.values_list("category__slug", flat=True)) == {
        "tech",
        "sports",
        "finance",
        "gaming",
    }
    assert Forecast.objects.exists() and ReaderScore.objects.exists()
    linked = Prediction.objects.filter(articles=article)
    assert linked.exists()
    assert set(linked.values_list("category__slug", flat=True)) == {"finance"}
    history = Prediction.objects.first().probability_updates.all()
    assert len(history) >= 4
    assert (history.last().created_at - history.first().created_at).days >= 20
    totals = queries.track_record()["totals"]
    # Reasonably calibrated, not perfectly.
    assert 0.05 < totals["mean_brier"] < 0.22


def test_seed_is_idempotent_and_works_with_seed_demo():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Prediction.objects.count(), Forecast.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Prediction.objects.count(), Forecast.objects.count()) == counts


def test_demo_readers_are_verified():
    from allauth.account.models import EmailAddress

    demo.seed(stdout=io.StringIO())
    assert (
        EmailAddress.objects.filter(email__endswith="@demo.veridact.example", verified=True).count()
        == demo.READER_COUNT
    )
