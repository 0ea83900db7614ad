"""After an invalidation, one request renders a page again; readers arriving meanwhile get
the copy it replaces (pagecache.pages), marked so that no browser or CDN keeps it."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles import home, services
from pagecache import pages
from pagecache.pages import STATE_HEADER
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(title="The first title")


def rename(article, title, capture):
    with capture(execute=True):
        article.title = title
        services.article_save(article=article)


def test_readers_arriving_during_a_render_get_the_previous_copy(
    client, article, monkeypatch, django_capture_on_commit_callbacks
):
    assert client.get("/")[STATE_HEADER] == "miss"
    assert client.get("/")[STATE_HEADER] == "hit"
    rename(article, "The second title", django_capture_on_commit_callbacks)
    meanwhile = []
    render = home.home_parts

    def slow_render(request):
        meanwhile.append(client.get("/"))  # another reader, while this page renders
        return render(request)

    monkeypatch.setattr(home, "home_parts", slow_render)
    rendered = client.get("/")
    monkeypatch.setattr(home, "home_parts", render)

    assert rendered[STATE_HEADER] == "miss"
    assert "The second title" in rendered.content.decode()
    (stale,) = meanwhile
    assert stale[STATE_HEADER] == "stale"
    assert "The first title" in stale.content.decode()
    assert "max-age=0" in stale["Cache-Control"] and "s-maxage=0" in stale["Cache-Control"]
    after = client.get("/")
    assert after[STATE_HEADER] == "hit"
    assert "The second title" in after.content.decode()


def test_a_copy_past_its_time_is_rendered_again_once_while_readers_get_it(
    client, article, monkeypatch
):
    assert client.get("/")[STATE_HEADER] == "miss"
    renders, meanwhile, render = [], [], home.home_parts

    def slow_render(request):
        renders.append(request)
        meanwhile.append(client.get("/"))  # another reader, while this page renders
        return render(request)

    later = timezone.now() + datetime.timedelta(seconds=pages.SHARED_MAX_AGE + 1)
    with time_machine.travel(later):
        monkeypatch.setattr(home, "home_parts", slow_render)
        rendered = client.get("/")
        monkeypatch.setattr(home, "home_parts", render)
        after = client.get("/")

    assert rendered[STATE_HEADER] == "miss"
    assert len(renders) == 1
    (stale,) = meanwhile
    assert stale[STATE_HEADER] == "stale"
    assert "The first title" in stale.content.decode()
    assert "s-maxage=0" in stale["Cache-Control"]
    assert after[STATE_HEADER] == "hit"


def test_a_copy_is_given_as_stale_only_for_a_while(client, article):
    client.get("/")
    later = timezone.now() + datetime.timedelta(seconds=pages.SHARED_MAX_AGE + pages.STALE_KEPT)
    with time_machine.travel(later):
        assert client.get("/")[STATE_HEADER] == "miss"


def test_a_render_that_fails_lets_the_next_reader_render(
    article, monkeypatch, django_capture_on_commit_callbacks
):
    client = Client(raise_request_exception=False)
    client.get("/")
    rename(article, "The second title", django_capture_on_commit_callbacks)
    render = home.home_parts

    def broken(request):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(home, "home_parts", broken)
    assert client.get("/").status_code == 500
    monkeypatch.setattr(home, "home_parts", render)
    retried = client.get("/")
    assert retried[STATE_HEADER] == "miss"
    assert "The second title" in retried.content.decode()


def test_a_page_never_stored_is_rendered_for_each_reader(client, article, monkeypatch):
    meanwhile, nested = [], []
    render = home.home_parts

    def slow_render(request):
        if not nested:
            nested.append(True)
            meanwhile.append(client.get("/"))
        return render(request)

    monkeypatch.setattr(home, "home_parts", slow_render)
    # With no copy to give, the reader arriving meanwhile renders it too (rather than wait).
    first = client.get("/")
    monkeypatch.setattr(home, "home_parts", render)
    assert first[STATE_HEADER] == "miss"
    assert meanwhile[0][STATE_HEADER] == "miss"


def test_a_reader_who_read_the_old_copy_before_another_rendered_it_takes_the_new_one(
    client, article, monkeypatch, django_capture_on_commit_callbacks
):
    client.get("/")
    rename(article, "The second title", django_capture_on_commit_callbacks)
    renders, render = [], home.home_parts
    monkeypatch.setattr(home, "home_parts", lambda request: renders.append(1) or render(request))
    claim, overtaken = pages._claim_render, []

    def overtaken_before_claiming(request, page_key):
        # This reader has read the old copy; another one renders and stores the page now.
        if not overtaken:
            overtaken.append(None)
            overtaken[0] = client.get("/")
        return claim(request, page_key)

    monkeypatch.setattr(pages, "_claim_render", overtaken_before_claiming)
    late = client.get("/")

    assert overtaken[0][STATE_HEADER] == "miss"
    assert late[STATE_HEADER] == "hit"
    assert "The second title" in late.content.decode()
    assert len(renders) == 1
    request = late.wsgi_request
    claim_key = pages._claim_key(pages._page_key(request, request.GET))
    assert cache.get(claim_key) is None  # no claim left behind
