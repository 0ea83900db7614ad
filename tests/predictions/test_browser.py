"""A reader signs in, reads a prediction's chart and forecasts, in Debian's Chromium."""

import pytest

from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    ReaderFactory,
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
