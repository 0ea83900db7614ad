"""Related Coverage: automatic (the latest in the category), unless an editor pins articles
in the admin, which come first in their order, or replace the automatic ones altogether."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.articles.factories import ArticleFactory, CategoryFactory, complete_article
from tests.articles.test_admin import change_form, inline

pytestmark = pytest.mark.django_db


def related_titles(article):
    """The titles Related Coverage shows on the article's public page, in order."""
    html = Client().get(article.get_absolute_url()).content.decode()
    if 'id="related-title"' not in html:
        return []
    section = html.split('id="related-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<h3 class="card__title">([^<]+)</h3>', section)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def story():
    """An article with five older stories in its category and one in another."""
    article = complete_article(title="The story")
    for day in range(1, 6):
        ArticleFactory(
            category=article.category, title=f"Tech {day} days ago", published_at=days_ago(day)
        )
    ArticleFactory(
        category=CategoryFactory(name="Finance"), title="A finance story", published_at=days_ago(9)
    )
    return article


def pin(editor_client, article, *pins, automatic=True):
    data = change_form(article, related_automatic="on" if automatic else "")
    rows = [{"order": str(order), "related": str(other.pk)} for order, other in pins]
    data.update(inline("related_pins", rows))
    url = reverse("admin:articles_article_change", args=[article.pk])
    return editor_client.post(url, data)


def test_without_pins_related_coverage_is_the_latest_four_in_the_category(story):
    assert related_titles(story) == [f"Tech {day} days ago" for day in (1, 2, 3, 4)]


def test_pinned_articles_come_first_in_their_order_then_the_latest_fill_up(editor_client, story):
    finance = Article.objects.get(title="A finance story")
    oldest = Article.objects.get(title="Tech 5 days ago")
    response = pin(editor_client, story, (2, oldest), (1, finance))
    assert response.status_code == 302

    assert related_titles(story) == [
        "A finance story",
        "Tech 5 days ago",
        "Tech 1 days ago",
        "Tech 2 days ago",
    ]


def test_pinned_articles_can_replace_the_automatic_ones(editor_client, story):
    finance = Article.objects.get(title="A finance story")
    assert pin(editor_client, story, (0, finance), automatic=False).status_code == 302
    assert related_titles(story) == ["A finance story"]


def test_a_pinned_article_taken_off_the_site_drops_out(
    editor_client, story, django_capture_on_commit_callbacks
):
    finance = Article.objects.get(title="A finance story")
    pin(editor_client, story, (0, finance), automatic=False)
    assert related_titles(story) == ["A finance story"]  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        finance.status = Article.Status.DRAFT
        services.article_save(article=finance)
    assert related_titles(story) == []


def test_a_change_to_a_pinned_article_shows_where_it_is_pinned(
    editor_client, story, django_capture_on_commit_callbacks
):
    finance = Article.objects.get(title="A finance story")
    pin(editor_client, story, (0, finance))
    assert related_titles(story)[0] == "A finance story"  # now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        finance.title = "A renamed finance story"
        services.article_save(article=finance)
    assert related_titles(story)[0] == "A renamed finance story"


@pytest.mark.parametrize(
    ("pins", "message"),
    [
        ("itself", "An article cannot be related to itself."),
        ("twice", "Please correct the duplicate data for related"),
    ],
)
def test_pinning_the_article_itself_or_one_article_twice_is_refused(
    editor_client, story, pins, message
):
    other = Article.objects.get(title="A finance story")
    rows = [(0, story)] if pins == "itself" else [(0, other), (1, other)]
    response = pin(editor_client, story, *rows)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not story.related_pins.exists()


def test_the_change_form_offers_pins_by_search(editor_client, story):
    url = reverse("admin:articles_article_change", args=[story.pk])
    html = editor_client.get(url).content.decode()
    assert "Related Coverage: pinned articles" in html
    assert 'name="related_automatic"' in html
    # The autocomplete widget for choosing an article by its title.
    assert "admin-autocomplete" in html
