"""sitemap.xml is an index of sitemap pages; articles are paged by id, 50,000 ids a page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.sitemaps import URLS_PER_PAGE, ArticleSitemap
from tests.articles.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://127.0.0.1:8000"


def locations(response, element="url"):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    return [loc.text for loc in root.findall(f"sm:{element}/sm:loc", NS)]


@pytest.fixture
def pages_of_two(monkeypatch):
    """Sitemap pages of two ids, so that a few articles make several pages."""
    monkeypatch.setattr(ArticleSitemap, "limit", 2)


def test_the_index_lists_every_section_and_every_page_of_articles(client, pages_of_two):
    articles = ArticleFactory.create_batch(5)
    last_page = (articles[-1].pk - 1) // 2 + 1
    listed = locations(client.get("/sitemap.xml"), element="sitemap")
    article_pages = [loc for loc in listed if "/sitemap-articles.xml" in loc]
    assert article_pages == [f"{SITE}/sitemap-articles.xml"] + [
        f"{SITE}/sitemap-articles.xml?p={number}" for number in range(2, last_page + 1)
    ]
    for section in ["home", "categories", "pages"]:
        assert f"{SITE}/sitemap-{section}.xml" in listed


def test_an_article_page_holds_the_published_articles_of_its_ids(client, pages_of_two):
    first, second = ArticleFactory(), ArticleFactory()
    draft, scheduled = ArticleFactory(draft=True), ArticleFactory(scheduled=True)
    later = ArticleFactory()
    pages = {}
    for article in [first, second, draft, scheduled, later]:
        pages.setdefault((article.pk - 1) // 2 + 1, []).append(article)
    shown = []
    for number in sorted(pages):
        query = f"?p={number}" if number > 1 else ""
        shown += locations(client.get(f"/sitemap-articles.xml{query}"))
    assert shown == [f"{SITE}{a.get_absolute_url()}" for a in [first, second, later]]


def test_article_addresses_and_days_match_the_articles(client):
    updated = timezone.now() - datetime.timedelta(days=1)
    article = ArticleFactory(
        category=CategoryFactory(name="Finance"),
        published_at=timezone.now() - datetime.timedelta(days=9),
        updated_at=updated,
    )
    body = client.get("/sitemap-articles.xml").content.decode()
    day = timezone.localdate(updated).isoformat()
    assert (
        f"<url><loc>{SITE}{article.get_absolute_url()}</loc><lastmod>{day}</lastmod>"
        "<changefreq>daily</changefreq><priority>0.8</priority></url>"
    ) in body


def test_pages_past_the_last_and_unknown_sections_are_404(client, pages_of_two):
    articles = ArticleFactory.create_batch(3)
    last_page = (articles[-1].pk - 1) // 2 + 1
    assert client.get(f"/sitemap-articles.xml?p={last_page}").status_code == 200
    assert client.get(f"/sitemap-articles.xml?p={last_page + 1}").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-categories.xml?p=2").status_code == 404


def test_an_empty_site_has_a_first_page_of_articles(client):
    assert locations(client.get("/sitemap-articles.xml")) == []
    assert URLS_PER_PAGE == 50_000  # the protocol's limit
