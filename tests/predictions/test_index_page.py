"""The predictions index (/predictions/) through the client: its cards, filters, caching and
query count."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.articles.factories import ArticleFactory
from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    category,
    make_resolved,
)
from tests.predictions.pages import build_open, html, queries_for

pytestmark = pytest.mark.django_db


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


def test_each_card_says_where_its_prediction_stands(client):
    now = timezone.now()
    falling = PredictionFactory(claim="Will it fall?", forecaster_count=1)
    ProbabilityUpdateFactory(
        prediction=falling, probability=50, created_at=now - datetime.timedelta(days=9)
    )
    ProbabilityUpdateFactory(
        prediction=falling, probability=44, created_at=now - datetime.timedelta(days=1)
    )
    steady = PredictionFactory(claim="Will it hold?", forecaster_count=2)
    ProbabilityUpdateFactory(
        prediction=steady, probability=30, created_at=now - datetime.timedelta(days=9)
    )
    page = html(client.get(reverse("predictions:index")))
    assert '<span class="change change--down"><span aria-hidden="true">▼</span> -6' in page
    assert '<span class="change change--flat"><span aria-hidden="true">→</span> 0' in page
    assert "1 reader forecasts<" in page and "2 readers forecast<" in page
    assert '<span class="status-badge status-badge--open">Open</span>' in page
    closes = timezone.localtime(falling.closes_at)
    assert f'closes <time datetime="{closes.isoformat()}">' in page
    assert f"{closes.day} {closes:%b %Y}</time>" in page

    PredictionFactory(claim="Past its close?", closes_at=now - datetime.timedelta(days=1))
    page = html(client.get(reverse("predictions:index"), {"status": "closed"}))
    assert "Past its close?" in page
    assert '<span class="status-badge status-badge--closed">Awaiting resolution</span>' in page
    assert "closed <time" in page

    PredictionFactory(claim="Called off?", status="annulled")
    page = html(client.get(reverse("predictions:index"), {"status": "annulled"}))
    assert "Called off?" in page and "Annulled</span>" in page and "Not scored." in page


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
