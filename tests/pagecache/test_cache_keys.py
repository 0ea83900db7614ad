"""Page cache keys: a page is keyed by its path and the query parameters its view reads.

A query string nobody declared (a cache-buster, utm_* tags) must not store a new page on
every request, nor may nonsense or out-of-range values of a declared parameter; declared
parameters still make distinct pages. Feeds and sitemaps, cached once for every host,
name the site by SITE_URL and never by the request's Host.
"""

import collections
import re
import uuid
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from articles.services import article_index_for_search
from discussion import threads as discussion
from pagecache import pages
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.discussion.factories import CommentFactory
from tests.predictions.factories import PredictionFactory, make_resolved

pytestmark = pytest.mark.django_db

SITE = "https://veridact.example"
HOSTILE = "attacker.example"


def stored_pages():
    """How many whole pages the shared cache holds."""
    if settings.CACHE_REDIS_URL:
        return len(cache.keys("page:*"))
    return sum(":page:" in key for key in cache._cache)  # the local-memory cache's keys


def served_from_cache(client, path, django_assert_num_queries, **headers):
    with django_assert_num_queries(0):
        response = client.get(path, **headers)
    assert response.status_code == 200
    return response


def test_undeclared_query_strings_are_served_the_clean_page_and_store_nothing(
    client, django_assert_num_queries
):
    ArticleFactory(category=CategoryFactory(slug="tech", name="Tech"))
    for path in ["/", "/tech/", "/predictions/", "/feeds/"]:
        clean = client.get(path).content
        stored = stored_pages()
        for query in [f"x={uuid.uuid4().hex}", "utm_source=newsletter&utm_medium=email", "&&="]:
            response = served_from_cache(client, f"{path}?{query}", django_assert_num_queries)
            assert response.content == clean
        assert stored_pages() == stored


def test_a_random_query_string_is_served_before_the_url_is_resolved(client, monkeypatch):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url()).content

    def no_resolving(*args, **kwargs):
        raise AssertionError("the URL was resolved for a cached page")

    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", no_resolving)
    response = client.get(f"{article.get_absolute_url()}?fbclid={uuid.uuid4().hex}")
    assert response.content == first


def test_a_worker_that_has_not_seen_a_path_still_serves_it_from_the_cache(
    client, monkeypatch, django_assert_num_queries
):
    finance = CategoryFactory(slug="finance", name="Finance")
    newest = ArticleFactory.create_batch(13, category=finance)[-1]
    second = client.get(f"/finance/?before={newest.pk}").content
    monkeypatch.setattr(pages, "_paths", collections.OrderedDict())  # a fresh worker
    response = served_from_cache(
        client, f"/finance/?before={newest.pk}&x=1", django_assert_num_queries
    )
    assert response.content == second
    assert pages._known("/finance/") is not None  # learned, for the middleware next time


def test_declared_parameters_make_distinct_cached_pages(client, django_assert_num_queries):
    finance = CategoryFactory(slug="finance", name="Finance")
    articles = [ArticleFactory(category=finance, title=f"Story number {n}") for n in range(13)]
    older = articles[1].pk  # the last article on the first page
    first, second = client.get("/finance/").content, client.get(f"/finance/?before={older}").content
    assert first != second
    assert articles[0].title.encode() in second  # the oldest, alone on the second page
    assert served_from_cache(
        client, f"/finance/?before={older}", django_assert_num_queries
    ).content == (second)
    assert served_from_cache(client, "/finance/", django_assert_num_queries).content == first
    # The same page written another way is the same entry.
    for query in [
        f"before=0{older}",
        f"before={older}&utm_campaign=x",
        f"utm_campaign=x&before={older}",
        f"before=x&before={older}",
    ]:
        response = served_from_cache(client, f"/finance/?{query}", django_assert_num_queries)
        assert response.content == second

    searchable = [ArticleFactory(title="Quantum chips"), ArticleFactory(title="Interest rates")]
    article_index_for_search(article_ids=[article.pk for article in searchable])
    quantum = client.get("/search/?q=quantum").content.decode()
    rates = client.get("/search/?q=rates").content.decode()
    assert "Quantum chips" in quantum and "Interest rates" not in quantum
    assert "Interest rates" in rates and "Quantum chips" not in rates
    response = served_from_cache(client, "/search/?q=++quantum+&ref=x", django_assert_num_queries)
    assert "Quantum chips" in response.content.decode()


@pytest.mark.parametrize(
    "value", ["abc", "0", "-1", "", "2.5", "1e3", "9" * 19, "9" * 5000, "%00", "page=2"]
)
def test_nonsense_article_ids_are_the_first_page(client, value, django_assert_num_queries):
    ArticleFactory(category=CategoryFactory(slug="tech", name="Tech"))
    first = client.get("/tech/").content
    stored = stored_pages()
    for parameter in ["before", "after"]:
        response = served_from_cache(
            client, f"/tech/?{parameter}={value}", django_assert_num_queries
        )
        assert response.content == first
    assert client.get("/tech/?page=2").content == first  # the old page numbers are no more
    assert stored_pages() == stored


@pytest.mark.parametrize("value", ["999999", "9" * 18])
def test_ids_naming_no_article_redirect_to_the_first_page_and_store_nothing(client, value):
    finance = CategoryFactory(slug="finance", name="Finance")
    for _ in range(13):
        ArticleFactory(category=finance)
    stored = stored_pages()
    for parameter in ["before", "after"]:
        response = client.get(f"/finance/?{parameter}={value}&utm_source=x")
        assert response.status_code == 302
        assert response["Location"] == "/finance/"
    assert stored_pages() == stored


def test_prediction_filters_that_name_nothing_redirect_and_store_nothing(client):
    tech = PredictionFactory(claim="A tech question?")
    stored = stored_pages()
    response = client.get("/predictions/?category=nope&status=resolved&page=7")
    assert response.status_code == 302
    assert response["Location"] == "/predictions/?status=resolved"
    response = client.get("/predictions/?page=7")
    assert response["Location"] == "/predictions/"
    assert stored_pages() == stored
    # Values of the wrong form are ignored: the clean page.
    for query in ["category=%3Cscript%3E", "status=everything", "status=open", "page=x"]:
        response = client.get(f"/predictions/?{query}")
        assert response.status_code == 200
        assert tech.claim in response.content.decode()
    assert stored_pages() == stored + 1


def test_discussion_pages_past_any_comment_redirect_to_the_last(client):
    article = ArticleFactory()
    readers = [ReaderFactory() for _ in range(2)]
    for n in range(51):
        CommentFactory(article=article, author=readers[n % 2], body=f"Comment {n}")
    article.comment_count = 51
    article.save(update_fields=["comment_count"])
    url = article.get_absolute_url()
    assert "Comment 0" in client.get(f"{url}?comments=2").content.decode()
    stored = stored_pages()
    for value in ["3", "999999", "10000"]:
        response = client.get(f"{url}?comments={value}")
        assert response.status_code == 302
        assert response["Location"] == f"{url}?{discussion.PAGE_PARAMETER}=2#discussion"
    assert stored_pages() == stored


def test_a_signed_in_reader_sees_the_same_page_for_a_nonsense_value(client):
    finance = CategoryFactory(slug="finance", name="Finance")
    older = ArticleFactory.create_batch(13, category=finance)[1].pk
    anonymous = client.get("/finance/?before=-1").content.decode()
    client.force_login(ReaderFactory())
    signed_in = client.get("/finance/?before=-1").content.decode()
    assert f'href="?before={older}"' in anonymous and f'href="?before={older}"' in signed_in


@pytest.fixture
def two_hosts(settings):
    """The site answers two names; only SITE_URL's is the site's."""
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["veridact.example", HOSTILE, "testserver"]


def own_urls(text):
    """The absolute URLs in a document, XML namespaces aside."""
    urls = re.findall(r"https?://[^\s<\"',]+", text)
    return [url for url in urls if "/schemas/" not in url and "www.w3.org" not in url]


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/",
        "/feeds/tech/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-categories.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/predictions/track-record.csv",
    ],
)
def test_feeds_and_sitemaps_name_the_site_by_site_url_not_host(client, two_hosts, path):
    ArticleFactory(category=CategoryFactory(slug="tech", name="Tech"))
    make_resolved()
    # The first request, which the page cache keeps for every host, comes from the attacker.
    poisoned = client.get(path, HTTP_HOST=HOSTILE)
    assert poisoned.status_code == 200
    body = poisoned.content.decode()
    assert HOSTILE not in body
    urls = own_urls(body)
    assert urls and all(url.startswith(f"{SITE}/") for url in urls), urls
    assert client.get(path, HTTP_HOST="veridact.example").content.decode() == body


def test_sitemap_pages_are_a_declared_parameter(client, two_hosts):
    ArticleFactory()
    sitemap = client.get("/sitemap-articles.xml?p=1&utm_source=x")
    assert sitemap.status_code == 200
    locs = ET.fromstring(sitemap.content).findall(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}url/{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    )
    assert locs and all(loc.text.startswith(f"{SITE}/") for loc in locs)
    stored = stored_pages()
    assert client.get("/sitemap-articles.xml?p=5").status_code == 404  # never stored
    assert stored_pages() == stored


def test_search_keeps_saying_a_long_query_was_shortened(client):
    long = " ".join(["forecast"] * 40)
    assert (
        "we used its first 200 characters" in client.get("/search/", {"q": long}).content.decode()
    )
    cached = client.get("/search/", {"q": long, "utm_source": "x"}).content.decode()
    assert "we used its first 200 characters" in cached
    assert reverse("articles:search") in cached
