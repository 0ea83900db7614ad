"""What only PostgreSQL shows: row locks serialising forecasts, and the integer bin division."""

import threading

import pytest
from django.db import connection

from predictions import services
from predictions.models import Forecast, Prediction
from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    ReaderFactory,
    make_resolved,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_forecasts_keep_one_current_forecast_and_a_true_count():
    prediction = PredictionFactory()
    ProbabilityUpdateFactory(prediction=prediction)
    readers = [ReaderFactory() for _ in range(6)]
    errors = []

    def forecast(reader, percent):
        try:
            for step in range(3):
                services.forecast_submit(
                    prediction=prediction, reader=reader, probability=percent + step
                )
        except Exception as error:  # noqa: BLE001 (collected and asserted below)
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=forecast, args=(r, 20 + 5 * n)) for n, r in enumerate(readers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each reader's three quick forecasts are second thoughts: they merge into one, the last.
    assert Forecast.objects.count() == 6
    assert Forecast.objects.current().count() == 6
    last_words = Forecast.objects.order_by("reader_id").values_list("probability", flat=True)
    assert list(last_words) == [22 + 5 * n for n in range(6)]
    prediction.refresh_from_db()
    assert prediction.forecaster_count == 6
    assert prediction.community_percent is not None


def test_calibration_bins_divide_as_integers():
    make_resolved(probability=19, outcome=True)
    make_resolved(probability=99, outcome=False)
    assert sorted(group["bin"] for group in Prediction.objects.score_groups()) == [1, 9]
