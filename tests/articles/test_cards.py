"""Category pages build their cards once and keep them (articles.cards): a card kept in the
cache follows its article's edits and its category's name.

The page cache is off here, so every request renders the page from its part
(articles.category_page), and the part, when its articles changed, from the cards kept.
"""

import re

import pytest

from articles import services
from tests.articles.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.CACHE_PUBLIC_PAGES = False


@pytest.fixture
def finance():
    category = CategoryFactory(name="Finance")
    ArticleFactory.create_batch(3, category=category)
    return category


def cards(client, path="/finance/"):
    response = client.get(path)
    assert response.status_code == 200
    return re.findall(r'<article class="card .*?</article>', response.content.decode(), re.S)


def test_the_first_card_loads_its_image_at_once_and_the_others_lazily(client, finance):
    article = ArticleFactory(category=finance, title="With a picture")
    article.hero_renditions = {
        "width": 1600,
        "height": 900,
        "sources": {"jpeg": [[800, "articles/800/x.jpg"]], "webp": [[800, "articles/800/x.webp"]]},
    }
    article.save()
    shown = cards(client)
    assert 'loading="eager" decoding="async" fetchpriority="high"' in shown[0]
    assert 'loading="eager"' not in "".join(shown[1:])
    assert shown == cards(client)  # the same, from the cache


def test_a_kept_card_follows_its_articles_edit(client, finance, django_capture_on_commit_callbacks):
    article = finance.articles.first()
    before = cards(client)
    article.title = "An edited title"
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article)  # as the admin saves it
    after = cards(client)
    assert any("An edited title" in card for card in after)
    assert len([card for card in after if card not in before]) == 1


def test_a_kept_card_follows_its_categorys_new_name(
    client, finance, django_capture_on_commit_callbacks
):
    assert all(">Finance</p>" in card for card in cards(client))
    with django_capture_on_commit_callbacks(execute=True):
        finance.name = "Markets"
        services.category_save(category=finance)  # as the admin saves it
    assert all(">Markets</p>" in card for card in cards(client))
