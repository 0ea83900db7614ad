"""Author pages at /authors/<slug>/: the author's published articles, linked from every
byline, described for search engines and listed in the sitemap."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.models import Category
from tests.articles.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_author_page_lists_their_published_articles_newest_first(client):
    author = AuthorFactory(name="Ada Byline", slug="ada-byline", bio="Covers chips and fabs.")
    older = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    newer = ArticleFactory(category=CategoryFactory(name="Sports"))
    co_written = ArticleFactory()
    draft, scheduled = ArticleFactory(draft=True), ArticleFactory(scheduled=True)
    for article in (older, newer, co_written, draft, scheduled):
        article.authors.add(author)
    co_written.authors.add(AuthorFactory())
    someone_elses = ArticleFactory()
    someone_elses.authors.add(AuthorFactory())

    html = html_of(client.get("/authors/ada-byline/"))

    assert "<h1>Ada Byline</h1>" in html
    assert "Covers chips and fabs." in html
    listed = re.findall(r'<h3 class="card__title">([^<]+)</h3>', html)
    assert listed == [co_written.title, newer.title, older.title]
    assert draft.title not in html and scheduled.title not in html
    assert someone_elses.title not in html


def test_author_page_paginates_and_redirects_past_the_last_page(client):
    author = AuthorFactory()
    for article in ArticleFactory.create_batch(13):
        article.authors.add(author)
    first = html_of(client.get(author.get_absolute_url()))
    assert first.count('class="card ') == 12
    assert "Page 1 of 2" in first
    assert html_of(client.get(f"{author.get_absolute_url()}?page=2")).count('class="card ') == 1
    response = client.get(f"{author.get_absolute_url()}?page=9")
    assert response.status_code == 302
    assert response["Location"] == f"{author.get_absolute_url()}?page=2"


def test_an_author_with_nothing_published_has_a_page_saying_so(client):
    author = AuthorFactory(name="New Hire")
    ArticleFactory(draft=True).authors.add(author)
    html = html_of(client.get(author.get_absolute_url()))
    assert "New Hire has no published analysis yet." in html


def test_unknown_author_is_404(client):
    assert client.get("/authors/nobody-here/").status_code == 404


def test_bylines_link_to_author_pages(client):
    ada, grace = AuthorFactory(name="Ada Byline"), AuthorFactory(name="Grace Byline")
    article = ArticleFactory()
    article.authors.add(ada, grace)
    html = html_of(client.get(article.get_absolute_url()))
    for author in (ada, grace):
        url = author.get_absolute_url()
        assert f'<a class="byline" rel="author" href="{url}">{author.name}</a>' in html
    # And the page each leads to lists the article.
    assert article.title in html_of(client.get(ada.get_absolute_url()))


def test_a_new_article_shows_on_its_authors_cached_page(client, django_capture_on_commit_callbacks):
    author = AuthorFactory()
    ArticleFactory().authors.add(author)
    html_of(client.get(author.get_absolute_url()))  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        later = ArticleFactory(title="A later analysis", draft=True)
        later.status = later.Status.PUBLISHED
        later.published_at = timezone.now()
        services.article_save(article=later, save_related=lambda: later.authors.add(author))
    assert "A later analysis" in html_of(client.get(author.get_absolute_url()))


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {document["@type"]: document for document in map(json.loads, blocks)}


def test_author_page_is_a_profile_page_and_articles_name_their_authors_pages(client):
    author = AuthorFactory(name="Ada Byline", slug="ada-byline", bio="Covers chips.")
    article = ArticleFactory()
    article.authors.add(author)
    url = "http://127.0.0.1:8000/authors/ada-byline/"

    html = html_of(client.get(author.get_absolute_url()))
    profile = json_ld(html)["ProfilePage"]
    assert profile["mainEntity"] == {
        "@type": "Person",
        "name": "Ada Byline",
        "url": url,
        "description": "Covers chips.",
    }
    assert f'<link rel="canonical" href="{url}">' in html

    news = json_ld(html_of(client.get(article.get_absolute_url())))["NewsArticle"]
    assert news["author"] == [{"@type": "Person", "name": "Ada Byline", "url": url}]


def test_sitemap_lists_authors_with_published_articles(client):
    published, unpublished = AuthorFactory(slug="has-work"), AuthorFactory(slug="no-work")
    ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=1)).authors.add(published)
    ArticleFactory(draft=True).authors.add(unpublished)
    assert "/sitemap-authors.xml</loc>" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-authors.xml").content.decode()
    entry = re.search(r"<url><loc>[^<]*/authors/has-work/</loc><lastmod>([^<]+)</lastmod>", sitemap)
    assert entry is not None
    assert entry[1] == (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert "/authors/no-work/" not in sitemap


def test_no_category_may_take_the_authors_address():
    category = Category(name="Authors", slug="authors", description="Clash.")
    with pytest.raises(ValidationError, match="used by another part of the site"):
        category.full_clean()
