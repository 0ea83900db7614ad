"""Reader forecasts are limited per reader, and bursts merge: one history row per reader, one
community point and two page refreshes per burst, not one of each per post."""

import logging
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from pagecache import dependencies
from pagecache.versions import version_key
from predictions import services, tasks
from predictions.models import CommunitySnapshot, Forecast
from tests.predictions.factories import ReaderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limit_windows")]


def forecast_url(prediction):
    return reverse("predictions:forecast", args=[prediction.slug])


def count_refreshes(prediction, monkeypatch):
    """Count, from now on, the moves of the versions of the prediction's page and of the
    readers' figures (pagecache.versions.invalidate sets them with `set_many`)."""
    scopes = [dependencies.prediction(prediction.slug), dependencies.COMMUNITY]
    moves = Counter()
    set_many = cache.set_many

    def counting(data, *args, **kwargs):
        moves.update(scope for scope in scopes if version_key(scope) in data)
        return set_many(data, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", counting)
    return scopes, moves


def test_200_forecasts_in_a_burst_write_one_row_per_reader_and_refresh_the_pages_twice(
    prediction, django_capture_on_commit_callbacks, monkeypatch
):
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(ReaderFactory())
        clients.append(client)
    anonymous = Client()
    before = anonymous.get(prediction.get_absolute_url()).content
    scopes, refreshes = count_refreshes(prediction, monkeypatch)
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for round_ in range(10):  # every reader posts ten times, as fast as the site answers
            for number, client in enumerate(clients):
                response = client.post(
                    forecast_url(prediction), {"probability": 20 + number + round_}
                )
                statuses.append(response.status_code)
    assert statuses == [302] * 200
    assert Forecast.objects.count() == 20  # one per reader, each holding their last word
    assert sorted(Forecast.objects.values_list("probability", flat=True)) == list(range(29, 49))
    assert CommunitySnapshot.objects.count() == 1
    # The first post refreshes the pages at once; the rest share one refresh as the burst
    # ends (a countdown task; Celery runs it at once when tasks run in-process).
    for scope in scopes:
        assert 1 <= refreshes[scope] <= 2
    tasks.refresh_forecast_pages(prediction.pk)  # what the worker does when the burst ends
    after = anonymous.get(prediction.get_absolute_url()).content.decode()
    prediction.refresh_from_db()
    assert prediction.forecaster_count == 20
    assert "readers’ median of 20" in after
    assert len(after) - len(before) < 3000  # the page does not grow with every post


def test_a_reader_may_forecast_ten_times_a_minute(prediction, reader):
    client = Client()
    client.force_login(reader)
    statuses = [
        client.post(forecast_url(prediction), {"probability": 10 + n % 80}).status_code
        for n in range(200)
    ]
    assert statuses == [302] * 10 + [429] * 190
    refused = client.post(forecast_url(prediction), {"probability": 50})
    assert 0 < int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert "You can forecast at most 10 times a minute." in page
    assert 'value="50"' in page  # the number typed is kept
    forecast = Forecast.objects.get()
    assert forecast.probability == 19
    # Another reader is not held up.
    other = Client()
    other.force_login(ReaderFactory())
    assert other.post(forecast_url(prediction), {"probability": 50}).status_code == 302


def test_with_the_cache_down_forecasts_are_still_recorded(
    limits_cache_down, caplog, prediction, reader
):
    client = Client()
    client.force_login(reader)
    with caplog.at_level(logging.WARNING, logger="limits.rates"):
        for n in range(12):
            assert client.post(forecast_url(prediction), {"probability": 10 + n}).status_code == 302
    assert Forecast.objects.get().probability == 21
    assert "Rate limit skipped" in caplog.text


def test_a_fresh_django_process_registers_the_refresh_the_services_book():
    # Services book it by name; nothing in a web process imports `predictions.tasks` but the
    # app's ready().
    answer = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "--command",
            "from celery import current_app; print(' '.join(current_app.tasks))",
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert services.REFRESH_FORECAST_PAGES in answer.stdout.split()


def test_the_burst_refresh_of_a_deleted_prediction_does_nothing(prediction, monkeypatch):
    prediction_id = prediction.pk
    scopes, refreshes = count_refreshes(prediction, monkeypatch)
    prediction.delete()
    services.forecast_pages_refresh(prediction_id=prediction_id)
    assert [refreshes[scope] for scope in scopes] == [0, 0]


@pytest.mark.redis
def test_on_redis_a_burst_refreshes_once_and_books_the_end_with_the_broker(
    prediction, django_capture_on_commit_callbacks, publish_to_broker, monkeypatch
):
    (page, _), refreshes = count_refreshes(prediction, monkeypatch)
    for _ in range(5):
        client = Client()
        client.force_login(ReaderFactory())
        with django_capture_on_commit_callbacks(execute=True):
            client.post(forecast_url(prediction), {"probability": 40})
    # Tasks go to the broker here; the end-of-burst refresh waits there for its countdown.
    assert refreshes[page] == 1
    assert cache.get(f"forecast-pages-pending:{prediction.pk}") == 1
    assert 0 < cache.ttl(f"forecast-pages-pending:{prediction.pk}") <= 60
