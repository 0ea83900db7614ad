"""The inclusion tags other apps render: the article's forecast box, home, a reader's record."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from predictions import services
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.predictions.factories import (
    PredictionFactory,
    ProbabilityUpdateFactory,
    make_resolved,
)

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load forecasts %}" + source).render(Context(context))


def test_article_forecasts_lists_its_predictions_with_current_probability(
    django_assert_num_queries,
):
    article = ArticleFactory()
    now = timezone.now()
    for number in range(4):
        p = PredictionFactory(claim=f"Question {number}?")
        p.articles.add(article)
        for step in range(5):
            ProbabilityUpdateFactory(
                prediction=p,
                probability=20 + number + step,
                created_at=now - datetime.timedelta(days=9 - step),
            )
    PredictionFactory(claim="Unrelated?")
    # One query whatever the number of predictions and updates (a Subquery for the latest).
    with django_assert_num_queries(1):
        html = render("{% article_forecasts article %}", article=article)
    assert "Our forecast" in html
    assert "Question 3?" in html and "<strong>27&thinsp;%</strong>" in html
    assert "Unrelated?" not in html


def test_article_without_predictions_renders_nothing(django_assert_num_queries):
    article = ArticleFactory()
    with django_assert_num_queries(1):
        assert render("{% article_forecasts article %}", article=article).strip() == ""


def test_home_predictions_shows_open_ones_in_at_most_two_queries(
    django_assert_num_queries, prediction
):
    make_resolved(claim="Old news?")
    with django_assert_num_queries(1):
        html = render("{% home_predictions %}")
    assert prediction.claim in html
    assert "60&thinsp;%" in html
    assert "Old news?" not in html


def test_each_open_prediction_on_home_says_what_when_and_how_likely():
    closes = datetime.datetime(2031, 6, 30, 18, 0, tzinfo=datetime.UTC)
    PredictionFactory(claim="Will <b>it</b> ship?", slug="ship", closes_at=closes)
    html = render("{% home_predictions %}")
    item = html[html.index('<li class="home-predictions__item">') :]
    item = item[: item.index("</li>") + 5]
    local = timezone.localtime(closes)
    assert item == (
        '<li class="home-predictions__item"><p class="eyebrow eyebrow--tech">Tech</p>'
        '<a href="/predictions/ship/">Will &lt;b&gt;it&lt;/b&gt; ship?</a>'
        '<p class="home-predictions__figure"><strong>—</strong> <span class="muted">closes '
        f'<time datetime="{local.isoformat()}">30 Jun 2031</time></span></p></li>'
    )


def test_reader_record_shows_scores_and_calibration(django_assert_num_queries):
    reader = ReaderFactory()
    make_resolved(probability=60, outcome=True, readers=[(reader, 80)], claim="Went well?")
    make_resolved(probability=60, outcome=False, readers=[(reader, 30)])
    with django_assert_num_queries(2):
        html = render("{% reader_record reader %}", reader=reader)
    assert "Forecasting record" in html
    assert "Resolved predictions</dt><dd>2</dd>" in html
    assert "Beats the newsroom" in html
    assert "chart__point" in html
    assert "Went well?" in html


def test_reader_record_of_a_new_reader(django_assert_num_queries):
    reader = ReaderFactory()
    # The same two queries as for a seasoned forecaster, so profile pages cost a fixed amount.
    with django_assert_num_queries(2):
        html = render("{% reader_record reader %}", reader=reader)
    assert "No resolved forecasts yet" in html


def test_percent_filter():
    assert render("{{ x|percent }}", x=0.456) == "46"
    assert render("{{ x|percent }}", x=None) == "—"


def test_community_median_shown_on_cards_only_from_five_readers(client, prediction):
    for _ in range(4):
        services.forecast_submit(prediction=prediction, reader=ReaderFactory(), probability=70)
    assert "Readers’ median" not in client.get("/predictions/").content.decode()
