"""A page put together from its frame (pagecache.frames) is the page its template renders,
and only anonymous readers with no flash message get one.

The page cache is off here, so every request puts the page together from its parts.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils.safestring import mark_safe

from articles.models import Article
from discussion import services as discussion_services
from pagecache import frames
from tests.accounts.factories import ReaderFactory
from tests.articles.edits import NEW_TEXT, rename_article, rename_category
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEMPLATE = "articles/article_detail.html"
HOME = "articles/home.html"
CATEGORY = "articles/category.html"


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.CACHE_PUBLIC_PAGES = False


@pytest.fixture
def article():
    # What a template escapes, in what the frame shows (the title) and in a part that is
    # text, not HTML (the description, from the summary).
    return ArticleFactory(title='Rates & "cuts" <2027>', summary="Less <than> & 'more'")


def rendered(response, page=TEMPLATE):
    return [template.name for template in response.templates if template.name == page]


def test_a_page_from_its_frame_is_the_page_its_template_renders(client, article):
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    assert rendered(first) == [TEMPLATE]
    assert rendered(second) == []  # put together without the template
    assert second.content == first.content
    html = second.content.decode()
    assert "Rates &amp; &quot;cuts&quot; &lt;2027&gt;" in html
    assert '<meta name="description" content="Less &lt;than&gt; &amp; &#x27;more&#x27;">' in html


def test_each_page_of_the_discussion_shares_the_frame(client, article):
    client.get(article.get_absolute_url())
    response = client.get(article.get_absolute_url(), {"comments": "1"})
    assert rendered(response) == []
    assert 'id="discussion"' in response.content.decode()


@pytest.mark.parametrize("change", [rename_article, rename_category])
def test_a_change_the_frame_shows_renders_it_again(
    client, article, change, django_capture_on_commit_callbacks
):
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        change(article)  # the frame shows the title (<title>) and the category (its class)
    response = client.get(article.get_absolute_url())
    assert rendered(response) == [TEMPLATE]
    assert NEW_TEXT in response.content.decode()


def test_a_comment_leaves_the_frame_be(client, article, django_capture_on_commit_callbacks):
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        discussion_services.comment_create(
            article=article, author=ReaderFactory(), body="A new comment."
        )
    response = client.get(article.get_absolute_url())
    assert rendered(response) == []
    assert "A new comment." in response.content.decode()


def test_signed_in_readers_never_get_the_anonymous_frame(client, article):
    anonymous = client.get(article.get_absolute_url()).content.decode()
    reader = ReaderFactory(display_name="Reader Name")
    client.force_login(reader)
    page = client.get(article.get_absolute_url())
    assert rendered(page) == [TEMPLATE]
    assert "Reader Name" in page.content.decode() and "Sign Out" in page.content.decode()
    client.logout()
    again = client.get(article.get_absolute_url())
    assert rendered(again) == []
    assert again.content.decode() == anonymous


def test_a_flash_message_is_shown_on_a_framed_page(client, article):
    client.get(article.get_absolute_url())
    client.force_login(ReaderFactory())
    client.post(reverse("account_logout"))
    del client.cookies[settings.SESSION_COOKIE_NAME]  # as a browser drops it
    page = client.get(article.get_absolute_url())
    assert rendered(page) == [TEMPLATE]
    assert "You have signed out." in page.content.decode()
    assert "You have signed out." not in client.get(article.get_absolute_url()).content.decode()


def test_a_page_whose_frame_would_hold_a_nul_is_rendered_and_not_kept(article):
    # Forms refuse NUL, so no saved text holds one; were one there, the page still shows.
    unsaved = Article(title="Odd \x00 title", category=article.category, slug=article.slug)
    request = RequestFactory().get("/")
    request.user = ReaderFactory.build()
    parts = dict.fromkeys(("description", "head", "related", "forecasts"), "")
    parts |= {"body": mark_safe("<p>The body</p>"), "discussion": ""}
    frame = frames.Kept("frame-test", ("v",), None, timeout=60)
    response = frames.render_page(request, TEMPLATE, {"article": unsaved}, parts, frame)
    assert "<p>The body</p>" in response.content.decode()
    assert cache.get("frame-test") is None


def test_the_home_page_keeps_its_frame_while_its_parts_change(
    client, article, django_capture_on_commit_callbacks
):
    first = client.get("/")
    second = client.get("/")
    assert rendered(first, HOME) == [HOME] and rendered(second, HOME) == []
    assert second.content == first.content
    with django_capture_on_commit_callbacks(execute=True):
        rename_article(article)  # the lead story and its section, not the frame
    third = client.get("/")
    assert rendered(third, HOME) == []
    assert NEW_TEXT in third.content.decode()


def test_a_category_page_keeps_its_frame_until_the_category_changes(
    client, article, django_capture_on_commit_callbacks
):
    url = article.category.get_absolute_url()
    first, second = client.get(url), client.get(url)
    assert rendered(first, CATEGORY) == [CATEGORY] and rendered(second, CATEGORY) == []
    assert second.content == first.content
    assert "Rates &amp; &quot;cuts&quot; &lt;2027&gt;" in second.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rename_category(article)  # its name, in the frame's heading and title
    third = client.get(url)
    assert rendered(third, CATEGORY) == [CATEGORY]
    assert f"<h1>{NEW_TEXT}</h1>" in third.content.decode()


def test_each_page_of_a_category_has_a_frame_of_its_own(client):
    newer = ArticleFactory(title="The newer story")
    older = ArticleFactory(
        title="The older story",
        category=newer.category,
        published_at=newer.published_at - timedelta(days=1),
    )
    url = newer.category.get_absolute_url()
    client.get(url)
    client.get(url, {"before": newer.pk})
    deeper = client.get(url, {"before": newer.pk})
    assert rendered(deeper, CATEGORY) == []
    html = deeper.content.decode()
    assert f'rel="canonical" href="{settings.SITE_URL}{url}?before={newer.pk}"' in html
    assert older.title in html and newer.title not in html
