"""Readers' forecasts through the prediction page's form: what is stored, and every bad input
and who may not forecast refused."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from predictions import services
from predictions.models import Forecast, ResolutionAlert
from tests.accounts.factories import ReaderFactory
from tests.predictions.factories import PredictionFactory, make_resolved
from tests.predictions.pages import html

pytestmark = pytest.mark.django_db

QUERIES_PER_FORECAST = 15


def test_signed_in_reader_sees_the_form_with_their_last_forecast(client, prediction, reader):
    services.forecast_submit(prediction=prediction, reader=reader, probability=33)
    client.force_login(reader)
    response = client.get(prediction.get_absolute_url())
    page = html(response)
    assert "csrfmiddlewaretoken" in page
    assert "Your last forecast: <strong>33&thinsp;%</strong>" in page
    assert 'value="33"' in page
    assert "Update forecast" in page
    assert "private" in response["Cache-Control"]


def test_forecast_is_stored_and_redirects(client, prediction, reader):
    client.force_login(reader)
    response = client.post(
        reverse("predictions:forecast", args=[prediction.slug]), {"probability": " 42 "}
    )
    assert response.status_code == 302
    assert response["Location"] == prediction.get_absolute_url()
    assert Forecast.objects.get().probability == 42
    follow = client.get(response["Location"])
    assert "Your forecast of 42 % is recorded." in html(follow)


def test_a_forecast_and_the_readers_email_choice_are_one_write(
    client, prediction, reader, django_assert_num_queries
):
    client.force_login(reader)
    url = reverse("predictions:forecast", args=[prediction.slug])
    # The session and the reader, the prediction, then one transaction (a savepoint inside
    # the test's): the reader's standing, the lock, their last forecast, the new one, the
    # community's figures and their update, and the email choice (a get_or_create, which
    # takes a savepoint of its own).
    with django_assert_num_queries(QUERIES_PER_FORECAST):
        response = client.post(url, {"probability": "42", "notify": "on"})
    assert response.status_code == 302
    assert Forecast.objects.get(reader=reader).probability == 42
    assert ResolutionAlert.objects.filter(prediction=prediction, reader=reader).exists()


def test_a_percent_sign_is_accepted(client, prediction, reader):
    client.force_login(reader)
    client.post(reverse("predictions:forecast", args=[prediction.slug]), {"probability": "7%"})
    assert Forecast.objects.get().probability == 7


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "Enter a number from 1 to 99"),
        ("100", "Enter a number from 1 to 99"),
        ("-5", "Enter a number from 1 to 99"),
        ("150", "Enter a number from 1 to 99"),
        ("abc", "Enter a number from 1 to 99"),
        ("", "This field is required"),
        ("50.5", "whole number of percent"),
        ("99999999999999999999", "Ensure this value has at most 10 characters"),
    ],
)
def test_bad_probabilities_are_refused_with_a_message(client, prediction, reader, typed, message):
    client.force_login(reader)
    response = client.post(
        reverse("predictions:forecast", args=[prediction.slug]), {"probability": typed}
    )
    assert response.status_code == 400
    page = html(response)
    assert message in page
    assert 'aria-invalid="true"' in page
    assert f'value="{typed}"' in page  # what the reader typed is kept
    assert not Forecast.objects.exists()


def test_missing_field_is_refused(client, prediction, reader):
    client.force_login(reader)
    response = client.post(reverse("predictions:forecast", args=[prediction.slug]), {})
    assert response.status_code == 400
    assert not Forecast.objects.exists()


def test_forecast_on_a_closed_prediction_is_refused(client, reader):
    now = timezone.now()
    p = PredictionFactory(
        opened_at=now - datetime.timedelta(days=5), closes_at=now - datetime.timedelta(hours=1)
    )
    client.force_login(reader)
    response = client.post(reverse("predictions:forecast", args=[p.slug]), {"probability": "40"})
    assert response.status_code == 400
    assert "closed to forecasts" in html(response)
    assert not Forecast.objects.exists()


def test_forecast_on_a_resolved_prediction_is_refused(client, reader):
    p = make_resolved()
    client.force_login(reader)
    response = client.post(reverse("predictions:forecast", args=[p.slug]), {"probability": "40"})
    assert response.status_code == 400
    assert "closed to forecasts" in html(response)
    assert not Forecast.objects.exists()


def test_anonymous_forecast_redirects_to_sign_in(client, prediction):
    response = client.post(
        reverse("predictions:forecast", args=[prediction.slug]), {"probability": "40"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=%2Fpredictions%2F{prediction.slug}%2F"
    assert not Forecast.objects.exists()


def test_forecast_without_csrf_token_is_refused(prediction, reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post(
        reverse("predictions:forecast", args=[prediction.slug]), {"probability": "40"}
    )
    assert response.status_code == 403
    assert not Forecast.objects.exists()


def test_unverified_reader_is_told_to_verify(client, prediction):
    reader = ReaderFactory(verified=False)
    client.force_login(reader)
    assert "Verify your email address to forecast" in html(
        client.get(prediction.get_absolute_url())
    )
    response = client.post(
        reverse("predictions:forecast", args=[prediction.slug]), {"probability": "40"}
    )
    assert response.status_code == 400
    assert "Verify your email address" in html(response)
    assert not Forecast.objects.exists()


def test_forecast_url_refuses_get(client, prediction):
    assert client.get(reverse("predictions:forecast", args=[prediction.slug])).status_code == 405


def test_forecast_on_unknown_prediction_is_404(client, reader):
    client.force_login(reader)
    response = client.post(reverse("predictions:forecast", args=["nope"]), {"probability": "40"})
    assert response.status_code == 404
