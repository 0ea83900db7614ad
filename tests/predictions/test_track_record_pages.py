"""The track record, its CSV, the leaderboard and the methodology through the client."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from predictions.models import Prediction
from tests.accounts.factories import ReaderFactory
from tests.predictions.factories import PredictionFactory, category, make_resolved
from tests.predictions.pages import html, queries_for

pytestmark = pytest.mark.django_db


def test_track_record_shows_scores_calibration_and_misses(client):
    make_resolved(probability=90, outcome=False, claim="A confident miss?")
    make_resolved(probability=70, outcome=True)
    PredictionFactory(status=Prediction.Status.ANNULLED)
    page = html(client.get(reverse("predictions:track_record")))
    assert "Resolved predictions</dt><dd>2</dd>" in page
    assert "Annulled, never scored</dt><dd>1</dd>" in page
    assert "0.450" in page  # mean Brier (0.81 + 0.09) / 2
    assert "chart__diagonal" in page and "chart__band" in page and "chart__point" in page
    assert "1 of 1 resolved yes" in page and "0 of 1 resolved yes" in page
    assert "A confident miss?" in page
    assert reverse("predictions:track_record_csv") in page


def test_track_record_without_resolutions(client, db):
    assert "No prediction has resolved yet" in html(client.get(reverse("predictions:track_record")))


def test_track_record_runs_a_fixed_number_of_queries(django_assert_num_queries):
    # Guards the per-prediction category of the misses and per-row score recomputation:
    # score groups (totals, bins, categories, years), misses.
    make_resolved()
    small = queries_for(Client(), reverse("predictions:track_record"))
    for number in range(8):
        make_resolved(
            probability=10 + 10 * number, outcome=number % 2 == 0, category=category("gaming")
        )
    cache.clear()
    with django_assert_num_queries(small):
        Client().get(reverse("predictions:track_record"))
    assert small == 2


def test_track_record_csv_lists_every_resolved_prediction_with_its_history(client):
    p = make_resolved(probability=70, outcome=True, claim='Will, "quoted", it?')
    PredictionFactory()
    response = client.get(reverse("predictions:track_record_csv"))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("slug,claim,category")
    assert '"Will, ""quoted"", it?"' in lines[1]
    assert ",yes,70," in lines[1]
    assert "=70" in lines[1] and p.slug in lines[1]


def test_leaderboard_ranks_qualified_readers_and_marks_those_beating_the_newsroom(client):
    sharp, blunt, newcomer = (ReaderFactory(display_name=n) for n in ("Sharp", "Blunt", "Newcomer"))
    for _ in range(5):
        make_resolved(probability=70, outcome=True, readers=[(sharp, 95), (blunt, 40)])
    make_resolved(probability=70, outcome=True, readers=[(newcomer, 99)])
    page = html(client.get(reverse("predictions:leaderboard")))
    assert page.index("Sharp") < page.index("Blunt")
    assert "Newcomer" not in page
    assert page.count("Beats the newsroom</span>") == 1
    assert '5 <span class="muted">of 6</span>' in page


def test_leaderboard_runs_a_fixed_number_of_queries(django_assert_num_queries):
    # Guards per-reader name lookups and regrouping every stored score per request:
    # reader records with names, resolved count.
    readers = [ReaderFactory() for _ in range(3)]
    for _ in range(5):
        make_resolved(readers=[(r, 60) for r in readers[:1]])
    small = queries_for(Client(), reverse("predictions:leaderboard"))
    for _ in range(5):
        make_resolved(readers=[(r, 60) for r in readers])
    cache.clear()
    with django_assert_num_queries(small):
        Client().get(reverse("predictions:leaderboard"))
    assert small == 2


def test_methodology_explains_the_formulas(client, db):
    page = html(client.get(reverse("predictions:methodology")))
    for text in (
        "Brier score",
        "log<sub>2</sub>",
        "Wilson",
        "√<var>n</var> − √<var>N</var>",
        "50.5",
        "+48.5",
    ):
        assert text in page
