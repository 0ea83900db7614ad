"""A prediction's page through the client: its chart, update log and resolution, caching and
query counts."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.tasks import refresh_pages_for_scheduled_articles
from predictions import services
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory, make_resolved
from tests.predictions.pages import build_open, html, queries_for

pytestmark = pytest.mark.django_db


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
