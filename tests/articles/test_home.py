"""The home page's cached parts (articles.home) go stale exactly when what each shows changes.

The page cache is off here, so every request renders the page from its parts: a stale part
would show, and the queries say which parts were rendered again.
"""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from articles import services
from articles.services import article_publish
from articles.tasks import refresh_pages_for_scheduled_articles
from predictions import services as predictions_services
from tests.articles.factories import ArticleFactory, CategoryFactory, complete_article
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory

pytestmark = pytest.mark.django_db

# The categories; the lead story and every section's articles; the open predictions.
COLD_QUERIES = 3


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.CACHE_PUBLIC_PAGES = False


def ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def sections():
    """Four categories of four articles each; the newest of all, in Tech, leads."""
    articles = {}
    for offset, name in enumerate(["Tech", "Sports", "Finance", "Gaming"]):
        category = CategoryFactory(name=name)
        articles[name] = [
            ArticleFactory(category=category, title=f"{name} {n}", published_at=ago(n * 9 + offset))
            for n in range(4)
        ]
    return articles


def home(client):
    """The lead story's title, and the titles of each section's cards."""
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    lead = re.search(r'<h2 class="lead-story__title"><a[^>]*>([^<]*)</a>', html)
    sections = re.findall(r'<h2 id="section-[^"]*"><a[^>]*>([^<]*)</a>(.*?)</section>', html, re.S)
    cards = {name: re.findall(r'<h3 class="card__title">([^<]*)</h3>', s) for name, s in sections}
    return lead and lead[1], cards


def test_the_lead_story_is_left_out_of_its_section(client, sections, django_assert_num_queries):
    with django_assert_num_queries(COLD_QUERIES):
        lead, shown = home(client)
    assert lead == "Tech 0"
    assert shown["Tech"] == ["Tech 1", "Tech 2", "Tech 3"]
    assert shown["Sports"] == ["Sports 0", "Sports 1", "Sports 2"]


def test_nothing_changed_renders_nothing_again(client, sections, django_assert_num_queries):
    first = home(client)
    with django_assert_num_queries(0):
        assert home(client) == first


def test_an_edit_renders_the_lead_story_and_its_section_from_one_query(
    client, sections, django_assert_num_queries, django_capture_on_commit_callbacks
):
    home(client)
    with django_capture_on_commit_callbacks(execute=True):
        edited = sections["Finance"][1]
        edited.title = "Finance, edited"
        services.article_save(article=edited)
    with django_assert_num_queries(1):
        lead, shown = home(client)
    assert lead == "Tech 0"
    assert shown["Finance"] == ["Finance 0", "Finance, edited", "Finance 2"]
    assert shown["Gaming"] == ["Gaming 0", "Gaming 1", "Gaming 2"]


def test_a_new_lead_story_leaves_its_section_and_the_old_one_returns_to_its_own(
    client, sections, django_capture_on_commit_callbacks
):
    home(client)
    with django_capture_on_commit_callbacks(execute=True):
        featured = sections["Gaming"][2]
        featured.is_featured = True
        services.article_save(article=featured)
    lead, shown = home(client)
    assert lead == "Gaming 2"
    assert shown["Gaming"] == ["Gaming 0", "Gaming 1", "Gaming 3"]
    assert shown["Tech"] == ["Tech 0", "Tech 1", "Tech 2"]
    assert shown["Sports"] == ["Sports 0", "Sports 1", "Sports 2"]


def test_a_publication_shows_in_its_section(client, sections, django_capture_on_commit_callbacks):
    home(client)
    category = sections["Sports"][0].category
    draft = complete_article(category=category, title="Sports, new", draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft)
    lead, shown = home(client)
    assert lead == "Sports, new"  # the newest of all
    assert shown["Sports"] == ["Sports 0", "Sports 1", "Sports 2"]
    assert shown["Tech"] == ["Tech 0", "Tech 1", "Tech 2"]


def test_a_newsroom_update_renders_only_the_predictions_box(
    client, sections, django_assert_num_queries, django_capture_on_commit_callbacks
):
    prediction = PredictionFactory(claim="Will it ship on time?")
    ProbabilityUpdateFactory(prediction=prediction, probability=60)
    assert "<strong>60&thinsp;%</strong>" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        predictions_services.probability_update_add(
            prediction=prediction, probability=75, rationale="New filings."
        )
    with django_assert_num_queries(1):
        html = client.get("/").content.decode()
    assert "<strong>75&thinsp;%</strong>" in html
    assert "Tech 0" in html


def test_a_scheduled_article_leads_once_it_goes_live(
    client, sections, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            category=CategoryFactory(name="Gaming"),
            title="Gaming, tomorrow",
            published_at=timezone.now() + datetime.timedelta(minutes=2),
        )
    assert home(client)[0] == "Tech 0"
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        refresh_pages_for_scheduled_articles()
        lead, shown = home(client)
    assert lead == "Gaming, tomorrow"
    assert shown["Gaming"] == ["Gaming 0", "Gaming 1", "Gaming 2"]
    assert shown["Tech"] == ["Tech 0", "Tech 1", "Tech 2"]
