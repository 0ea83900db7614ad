"""The predictions pages through the client: content, caching, query counts and bad input."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.tasks import refresh_pages_for_scheduled_articles
from predictions import services
from predictions.models import Forecast, Prediction
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    category,
    make_resolved,
)

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def build_open(count, updates=3, forecasters=0):
    now = timezone.now()
    made = []
    for _ in range(count):
        p = PredictionFactory()
        p.articles.add(ArticleFactory())
        for step in range(updates):
            ProbabilityUpdateFactory(
                prediction=p,
                probability=40 + step,
                created_at=now - datetime.timedelta(days=20 - step),
            )
        for _ in range(forecasters):
            services.forecast_submit(prediction=p, reader=ReaderFactory(), probability=55)
        made.append(p)
    return made


def uncached(client, url):
    """Request a page with the page cache emptied, so its queries are counted."""
    cache.clear()
    return client.get(url)


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


# /predictions/


def test_index_lists_open_predictions_as_cards(client):
    now = timezone.now()
    p = PredictionFactory(claim="Will the Fed cut in June?")
    article = ArticleFactory(title="The Fed's next move")
    p.articles.add(article)
    ProbabilityUpdateFactory(
        prediction=p, probability=40, created_at=now - datetime.timedelta(days=9)
    )
    ProbabilityUpdateFactory(
        prediction=p, probability=47, created_at=now - datetime.timedelta(days=1)
    )
    make_resolved()
    page = html(client.get(reverse("predictions:index")))
    assert "Will the Fed cut in June?" in page
    assert "47&thinsp;%" in page
    assert "▲" in page and "+7" in page and "up" in page
    assert "The Fed&#x27;s next move" in page
    assert "Tech" in page
    assert "Will event" not in page  # the resolved one is on the resolved tab


def test_index_filters_by_status_and_category(client):
    resolved = make_resolved(probability=70, outcome=False)
    sports = PredictionFactory(category=category("sports"), claim="Will the final go to penalties?")
    PredictionFactory(claim="A tech question?")
    page = html(client.get(reverse("predictions:index"), {"status": "resolved"}))
    assert resolved.claim in page
    assert "Resolved NO" in page
    assert "Brier 0.490" in page
    page = html(client.get(reverse("predictions:index"), {"category": "sports"}))
    assert sports.claim in page
    assert "A tech question?" not in page


def test_index_ignores_unknown_filters_and_pages(client, prediction):
    response = client.get(
        reverse("predictions:index"),
        {"status": "x", "category": "nope", "page": "abc"},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("predictions:index"), 302)]
    assert response.status_code == 200
    assert prediction.claim in html(response)


def test_index_is_cached_for_anonymous_readers(client, prediction):
    response = client.get(reverse("predictions:index"))
    assert "public" in response["Cache-Control"]
    assert "s-maxage=30," in response["Cache-Control"]


def test_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # Guards the N+1s on category, current probability, 7-day change and linked article:
    # categories, count, page, prefetched articles.
    build_open(2, updates=2)
    small = queries_for(Client(), reverse("predictions:index"))
    build_open(6, updates=6, forecasters=1)
    cache.clear()
    with django_assert_num_queries(small):
        client.get(reverse("predictions:index"))
    assert small == 4


# Prediction page


def test_detail_shows_probability_chart_log_and_sign_in_link(client):
    p = PredictionFactory(claim="Will it ship?", resolution_criteria="Ships **in stores**.")
    article = ArticleFactory(title="Ship date analysis")
    p.articles.add(article)
    ProbabilityUpdateFactory(prediction=p, probability=35, rationale="Base rate.")
    ProbabilityUpdateFactory(
        prediction=p,
        probability=62,
        rationale="Factory confirmed.",
        article=article,
        created_at=timezone.now() - datetime.timedelta(days=3),
    )
    response = client.get(p.get_absolute_url())
    page = html(response)
    assert '<span class="huge-number">62&thinsp;%</span>' in page
    assert "<strong>in stores</strong>" in page
    assert "<svg" in page and 'role="img"' in page
    assert "chart__line--newsroom" in page
    assert "chart__article" in page
    assert "went from 35 % on" in page and "to 62 % on" in page  # text alternative
    assert "Chart data as a table" in page
    assert "Factory confirmed." in page and "Base rate." in page
    assert f"/accounts/login/?next=%2Fpredictions%2F{p.slug}%2F" in page
    assert "csrfmiddlewaretoken" not in page
    assert "style=" not in page and "<script>" not in page
    assert "public" in response["Cache-Control"]


def test_the_update_log_links_only_published_articles(client):
    p = PredictionFactory()
    published = ArticleFactory(title="The published analysis")
    draft = ArticleFactory(draft=True, title="The unfinished draft")
    scheduled = ArticleFactory(scheduled=True, title="The embargoed scoop")
    for probability, article in [(40, published), (50, draft), (60, scheduled)]:
        ProbabilityUpdateFactory(
            prediction=p,
            probability=probability,
            rationale=f"Moved to {probability}.",
            article=article,
        )
    page = html(client.get(p.get_absolute_url()))
    assert f'after <a href="{published.get_absolute_url()}">The published analysis</a>' in page
    for hidden in (draft, scheduled):
        assert hidden.title not in page and hidden.get_absolute_url() not in page
    # The updates themselves are public, only their unpublished articles are not shown.
    assert "Moved to 50." in page and "Moved to 60." in page
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_a_scheduled_article_joins_the_update_log_when_it_goes_live(
    client, django_capture_on_commit_callbacks
):
    p = PredictionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        scoop = ArticleFactory(
            title="The embargoed scoop", published_at=timezone.now() + datetime.timedelta(minutes=2)
        )
        ProbabilityUpdateFactory(prediction=p, article=scoop)
    assert "The embargoed scoop" not in html(client.get(p.get_absolute_url()))
    assert "public" in client.get(p.get_absolute_url())["Cache-Control"]  # cached as it was
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        refresh_pages_for_scheduled_articles()  # beat runs it every minute
        page = html(client.get(p.get_absolute_url()))
    assert f'after <a href="{scoop.get_absolute_url()}">The embargoed scoop</a>' in page


def test_detail_of_a_resolved_prediction_shows_the_resolution(client):
    p = make_resolved(probability=70, outcome=True, resolution_source="https://example.com/source")
    page = html(client.get(p.get_absolute_url()))
    assert "Resolved YES" in page
    assert "0.090" in page
    assert "48.5" in page
    assert "https://example.com/source" in page
    assert "chart__resolution" in page


def test_detail_reader_median_line_appears_with_five_forecasters(client, prediction):
    for _ in range(5):
        services.forecast_submit(prediction=prediction, reader=ReaderFactory(), probability=70)
    page = html(client.get(prediction.get_absolute_url()))
    assert "chart__line--community" in page
    assert "readers’ median of 5" in page


def test_detail_unknown_slug_is_404(client, db):
    assert client.get(reverse("predictions:detail", args=["nope"])).status_code == 404


def test_detail_runs_a_fixed_number_of_queries(django_assert_num_queries):
    # Guards the update log's articles, the snapshots and linked articles: prediction,
    # updates, their public articles (with categories), snapshots, linked articles.
    (small,) = build_open(1, updates=2)
    ProbabilityUpdateFactory(prediction=small, article=ArticleFactory())
    small_count = queries_for(Client(), small.get_absolute_url())
    (large,) = build_open(1, updates=12, forecasters=6)
    for trait in ({}, {}, {"draft": True}, {"scheduled": True}):
        ProbabilityUpdateFactory(prediction=large, article=ArticleFactory(**trait))
    large.articles.add(ArticleFactory(), ArticleFactory())
    cache.clear()
    with django_assert_num_queries(small_count):
        Client().get(large.get_absolute_url())
    assert small_count == 5


def test_detail_for_a_signed_in_reader_runs_a_fixed_number_of_queries(client, prediction, reader):
    client.force_login(reader)
    services.forecast_submit(prediction=prediction, reader=reader, probability=30)
    first = queries_for(client, prediction.get_absolute_url())
    for _ in range(4):
        services.forecast_submit(prediction=prediction, reader=ReaderFactory(), probability=50)
    assert queries_for(client, prediction.get_absolute_url()) == first


# Forecast form


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


# Track record, CSV, leaderboard, methodology


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
