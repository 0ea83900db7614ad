"""Anonymous public pages are cached and go stale exactly when what they show changes."""

import gzip

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.urls import reverse

from articles import services
from pagecache import dependencies
from pagecache.pages import cache_public_page
from pagecache.params import choice
from pagecache.versions import invalidate
from tests.articles.edits import EDITS
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    ScenarioFactory,
)

pytestmark = pytest.mark.django_db


def cached_with_no_queries(client, path, django_assert_num_queries):
    client.get(path)
    with django_assert_num_queries(0):
        return client.get(path)


def test_anonymous_article_page_is_cached_with_shared_cache_headers(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    response = cached_with_no_queries(client, article.get_absolute_url(), django_assert_num_queries)
    assert response.status_code == 200
    # Short-lived in browsers and CDNs, which nothing purges (docs/operations.md).
    assert response["Cache-Control"] == (
        "public, max-age=30, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400"
    )
    assert "Cookie" in response["Vary"]
    assert article.title in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/tech/", "/search/?q=event", "/feeds/", "/about/"])
def test_other_public_pages_are_cached(client, path, django_assert_num_queries):
    ArticleFactory()
    response = cached_with_no_queries(client, path, django_assert_num_queries)
    assert response.status_code == 200


def remove_scenarios(article):
    services.article_save(article=article, save_related=lambda: article.scenarios.all().delete())


@pytest.mark.parametrize("change", [*EDITS, remove_scenarios])
def test_changes_invalidate_cached_pages(client, change, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    article.authors.add(AuthorFactory())
    ScenarioFactory(article=article, title="Old scenario")
    url = article.get_absolute_url()
    before = client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        change(article)
    after = client.get(url).content.decode()
    assert after != before


def test_invalidating_one_discussion_leaves_other_pages_and_parts_cached(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    client.get("/")
    client.get(article.get_absolute_url())
    invalidate(dependencies.discussion(article.category.slug, article.slug))
    with django_assert_num_queries(0):
        client.get("/")
    # The article's record (it holds its count of comments) and its discussion; the rest of
    # the page is unchanged and cached.
    with django_assert_num_queries(2):
        client.get(article.get_absolute_url())


def test_signed_in_readers_are_never_served_or_stored_in_the_cache(client, django_user_model):
    article = ArticleFactory()
    anonymous = client.get(article.get_absolute_url()).content.decode()
    reader = django_user_model.objects.create_user(
        email="r@example.com", password="x", display_name="Reader Name"
    )
    client.force_login(reader)
    response = client.get(article.get_absolute_url())
    assert "Reader Name" in response.content.decode()
    assert "private" in response["Cache-Control"]
    client.logout()
    assert "Reader Name" not in client.get(article.get_absolute_url()).content.decode()
    assert anonymous.count("Sign In") == client.get(
        article.get_absolute_url()
    ).content.decode().count("Sign In")


def test_a_flash_message_reaches_the_reader_on_a_page_that_is_cached(client, django_user_model):
    ArticleFactory()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    client.force_login(django_user_model.objects.create_user(email="r@example.com", password="x"))
    # Signing out ends the session and leaves a message for the next page, the cached home,
    # in a cookie of its own; a browser drops the emptied session cookie.
    response = client.post(reverse("account_logout"))
    assert response["Location"] == "/"
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 0
    del client.cookies[settings.SESSION_COOKIE_NAME]
    home = client.get("/")
    assert "You have signed out." in home.content.decode()
    assert "private" in home["Cache-Control"]
    # Shown once; the next request is an anonymous reader's again, served from the cache.
    again = client.get("/")
    assert "You have signed out." not in again.content.decode()
    assert again["X-Page-Cache"] == "hit"


def test_cached_anonymous_pages_carry_no_csrf_token(client):
    article = ArticleFactory()
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert "csrftoken" not in response.cookies


def test_pages_that_use_a_csrf_token_or_flash_messages_are_not_cached(rf_with_session):
    calls = []

    @cache_public_page(query={"csrf": choice("1")})
    def view(request):
        calls.append(1)
        if request.GET.get("csrf"):
            get_token(request)
        return HttpResponse("ok")

    view(rf_with_session("/x?csrf=1"))
    view(rf_with_session("/x?csrf=1"))
    assert len(calls) == 2

    request = rf_with_session("/y")
    get_messages(request).add(constants.INFO, "Thanks for subscribing")
    view(request)
    view(rf_with_session("/y"))
    assert len(calls) == 4


@pytest.fixture
def rf_with_session():
    def make(path):
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        return request

    return make


def test_the_page_cache_can_be_turned_off(client, settings, django_assert_num_queries):
    settings.CACHE_PUBLIC_PAGES = False
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):  # ARTICLE_PAGE_WARM_QUERIES in test_queries.py
        response = client.get(article.get_absolute_url())
    assert "s-maxage=30," in response["Cache-Control"]


def test_cached_pages_are_sent_gzipped_to_clients_that_accept_it(client):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url()).content
    compressed = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == first
    plain = client.get(article.get_absolute_url())
    assert not plain.has_header("Content-Encoding")
    assert plain.content == first
    assert plain["Content-Length"] == str(len(first))


def test_a_worker_serves_a_popular_page_from_memory_for_a_moment(client, settings, monkeypatch):
    settings.CACHE_PUBLIC_PAGES_LOCALLY = 60
    article = ArticleFactory()
    first = client.get(article.get_absolute_url()).content
    lookups = []
    original = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: lookups.append(keys) or original(keys))
    assert client.get(article.get_absolute_url()).content == first
    assert lookups == []  # no round trip to the shared cache
    # Drops this process's copies too.
    invalidate(dependencies.discussion(article.category.slug, article.slug))
    client.get(article.get_absolute_url())
    page_lookups = [keys for keys in lookups if any(key.startswith("page:") for key in keys)]
    assert len(page_lookups) == 1  # then the page's parts, rendering it again


def test_an_invalidation_drops_only_this_workers_copies_that_depend_on_it(
    client, settings, monkeypatch
):
    settings.CACHE_PUBLIC_PAGES_LOCALLY = 60
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    home = client.get("/").content
    lookups = []
    original = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: lookups.append(keys) or original(keys))
    invalidate(dependencies.discussion(article.category.slug, article.slug))  # a comment

    assert client.get("/").content == home
    assert lookups == []  # the home page shows no discussion: still this worker's copy
    client.get(article.get_absolute_url())
    assert any(key.startswith("page:") for keys in lookups for key in keys)


def test_cached_pages_are_served_before_the_url_is_resolved(client, monkeypatch):
    article = ArticleFactory()
    first = client.get(article.get_absolute_url()).content

    def no_resolving(*args, **kwargs):
        raise AssertionError("the URL was resolved for a cached page")

    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", no_resolving)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content == first
    assert response["X-Frame-Options"] == "DENY"  # outer middleware still ran
