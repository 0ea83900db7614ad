"""A reader signs in, reads a prediction's chart and forecasts, in Debian's Chromium."""

import datetime

import pytest

from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    ReaderFactory,
    make_resolved,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_forecasts_from_the_prediction_page(page):
    prediction = PredictionFactory(claim="Will the browser test pass?")
    ProbabilityUpdateFactory(prediction=prediction, probability=64)
    ReaderFactory(email="ada@example.com", display_name="Ada")

    page.goto(prediction.get_absolute_url())
    assert page.locator(".huge-number").inner_text().startswith("64")
    assert page.locator("svg.chart polyline.chart__line--newsroom").count() == 1
    page.locator(".forecast-box").get_by_role("link", name="Sign in").click()

    page.fill("input[name=login]", "ada@example.com")
    page.fill("input[name=password]", "correct horse battery")
    page.locator("form").filter(has=page.locator("input[name=login]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_url(f"**{prediction.get_absolute_url()}")

    page.fill("#id_probability", "50.5")
    page.get_by_role("button", name="Forecast").click()
    assert "whole number of percent" in page.locator("#probability-error").inner_text()
    assert page.input_value("#id_probability") == "50.5"

    page.fill("#id_probability", "71")
    page.get_by_role("button", name="Forecast").click()
    assert "Your forecast of 71 % is recorded." in page.content()
    assert "Your last forecast:" in page.locator(".forecast-box").inner_text()


def _overlap(one, other):
    return (
        one["x"] < other["x"] + other["width"]
        and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"]
        and other["y"] < one["y"] + one["height"]
    )


def test_the_charts_labels_stay_inside_it_and_apart_on_a_phone(page):
    # Closed two days after 1 April: the last month's label sits at the chart's right edge.
    opened = datetime.datetime(2026, 1, 10, 12, tzinfo=datetime.UTC)
    prediction = PredictionFactory(
        opened_at=opened,
        closes_at=datetime.datetime(2026, 4, 3, 12, tzinfo=datetime.UTC),
        resolve_by=datetime.date(2026, 5, 1),
    )
    ProbabilityUpdateFactory(prediction=prediction, probability=40, created_at=opened)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(prediction.get_absolute_url())
    chart = page.locator("svg.chart").bounding_box()
    months = page.locator(".chart__label--month")
    assert months.all_text_contents() == ["Feb 2026", "Mar 2026", "Apr 2026"]
    percents = [label.bounding_box() for label in page.locator(".chart__label--y").all()]
    for month in months.all():
        box = month.bounding_box()
        assert chart["x"] <= box["x"] and box["x"] + box["width"] <= chart["x"] + chart["width"]
        assert box["y"] + box["height"] <= chart["y"] + chart["height"] + 1
        assert not any(_overlap(box, percent) for percent in percents)


def test_the_calibration_charts_labels_stay_clear_on_a_phone(page):
    # The largest point sits at the corner, the next on the axis under "20".
    for _ in range(4):
        make_resolved(probability=3, outcome=False)
    make_resolved(probability=21, outcome=False)
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/predictions/track-record/")
    chart = page.locator("svg.chart--square")
    title = chart.locator(".chart__axis-title--y").bounding_box()
    numbers = [label.bounding_box() for label in chart.locator(".chart__label--y").all()]
    assert not any(_overlap(title, number) for number in numbers)
    points = [point.bounding_box() for point in chart.locator(".chart__point").all()]
    assert len(points) == 2
    for label in chart.locator(".chart__label--x").all():
        assert not any(_overlap(label.bounding_box(), point) for point in points)
