"""The article page's cached parts go stale exactly when what each shows changes.

The page cache is off here, so every request renders the page from its parts
(see articles.fragments): a stale part would show.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError, connection
from django.utils import timezone

from articles import services
from articles.models import RenderedText
from articles.services import article_unpublish
from articles.tasks import refresh_pages_for_scheduled_articles
from discussion import services as discussion_services
from pagecache import dependencies
from pagecache.versions import deployed_stamp
from predictions import services as predictions_services
from tests.accounts.factories import ReaderFactory
from tests.articles.edits import EDITS, NEW_TEXT
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    ScenarioFactory,
)
from tests.pagecache.scopes import invalidated_by
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.CACHE_PUBLIC_PAGES = False


@pytest.fixture
def article():
    return ArticleFactory(title="The story")


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_comment_shows_at_once(client, article, django_capture_on_commit_callbacks):
    assert "Be the first to share your thoughts." in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        discussion_services.comment_create(
            article=article, author=ReaderFactory(), body="A sharp point."
        )
    html = page(client, article)
    assert "A sharp point." in html
    assert "1 comment" in html


ANONYMOUS_FORM = "You'll sign in or create an account next"


def test_closing_comments_shows_at_once(client, article, django_capture_on_commit_callbacks):
    assert ANONYMOUS_FORM in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        article.comments_closed = True
        services.article_save(article=article)
    html = page(client, article)
    assert "Comments are closed on this article." in html
    assert ANONYMOUS_FORM not in html


def test_signed_in_readers_never_get_the_anonymous_discussion(client, article):
    html = page(client, article)  # cached for anonymous readers: a form without a token
    assert ANONYMOUS_FORM in html and "csrfmiddlewaretoken" not in html
    client.force_login(ReaderFactory())
    html = page(client, article)
    assert 'name="csrfmiddlewaretoken"' in html and 'name="body"' in html
    assert ANONYMOUS_FORM not in html


def test_a_newsroom_update_shows_in_the_forecast_box(
    client, article, django_capture_on_commit_callbacks
):
    prediction = PredictionFactory(claim="Will it ship on time?")
    prediction.articles.add(article)
    ProbabilityUpdateFactory(prediction=prediction, probability=60)
    with django_capture_on_commit_callbacks(execute=True):
        # What the admin does after saving.
        predictions_services.newsroom_changed(prediction.slug)
    assert "<strong>60&thinsp;%</strong>" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        predictions_services.probability_update_add(
            prediction=prediction, probability=75, rationale="New filings."
        )
    html = page(client, article)
    assert "<strong>75&thinsp;%</strong>" in html
    assert "<strong>60&thinsp;%</strong>" not in html


def test_related_coverage_follows_the_articles_it_lists(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = ArticleFactory(category=article.category, title="A neighbour")
    assert "A neighbour" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        neighbour.title = "A renamed neighbour"
        services.article_save(article=neighbour)
    assert "A renamed neighbour" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(category=article.category, title="Just published")
    assert "Just published" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        neighbour.status = neighbour.Status.DRAFT
        services.article_save(article=neighbour)
    assert "A renamed neighbour" not in page(client, article)


def test_an_article_moving_category_leaves_its_old_related_coverage(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mover = ArticleFactory(category=article.category, title="The mover")
    assert "The mover" in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        mover.category = CategoryFactory(name="Sports")
        services.article_save(article=mover)
    assert "The mover" not in page(client, article)


def test_a_scheduled_article_joins_related_coverage_when_it_goes_live(
    client, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(
            category=article.category,
            title="The story of tomorrow",
            published_at=timezone.now() + datetime.timedelta(minutes=2),
        )
    assert "The story of tomorrow" not in page(client, article)
    # Sooner than the cached list would expire by itself.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=3)):
        refresh_pages_for_scheduled_articles()
        assert "The story of tomorrow" in page(client, article)


def test_a_go_live_refreshes_the_pages_once_though_three_runs_see_it(
    django_capture_on_commit_callbacks,
):
    category = CategoryFactory(slug="tech")
    now = timezone.now()
    ArticleFactory(category=category, published_at=now + datetime.timedelta(seconds=30))
    ArticleFactory(category=CategoryFactory(slug="sports"))  # published when saved: refreshed then
    changed = []
    for minute in (1, 2, 3):  # beat runs the task every minute; each run looks three back
        with time_machine.travel(now + datetime.timedelta(minutes=minute)):
            changed.append(
                invalidated_by(
                    refresh_pages_for_scheduled_articles,
                    django_capture_on_commit_callbacks,
                    dependencies.category_articles("tech"),
                    dependencies.category_articles("sports"),
                )
            )
    went_live = {dependencies.ARTICLES, dependencies.category_articles("tech")}
    assert changed == [went_live, set(), set()]


def test_other_articles_changing_leave_the_pages_parts_cached(
    client, article, django_assert_num_queries, django_capture_on_commit_callbacks
):
    page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(category=CategoryFactory(name="Sports"))  # nothing this page shows
    with django_assert_num_queries(0):  # the article and every part come from the cache
        page(client, article)


@pytest.mark.parametrize("change", EDITS)
def test_the_kept_article_and_its_body_follow_every_change(
    client, article, change, django_capture_on_commit_callbacks
):
    article.authors.add(AuthorFactory(name="An author"))
    assert NEW_TEXT not in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        change(article)
    assert NEW_TEXT in page(client, article)


def test_an_unpublished_article_is_gone_at_once(
    client, article, django_capture_on_commit_callbacks
):
    page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_new_category_address_leaves_nothing_at_the_old_one(
    client, article, django_capture_on_commit_callbacks
):
    old_url = article.get_absolute_url()
    page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        article.category.slug = "technology"
        services.category_save(category=article.category)
    article.refresh_from_db()
    moved = client.get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, article.get_absolute_url())
    assert page(client, article)


@pytest.mark.parametrize(
    ("change", "gone"),
    [
        (lambda article: article.authors.first().articles.clear(), "Departing Author"),
        (lambda article: article.scenarios.all().delete(), "A scenario to go"),
    ],
)
def test_the_kept_article_and_its_body_follow_removals(
    client, article, change, gone, django_capture_on_commit_callbacks
):
    article.authors.add(AuthorFactory(name="Departing Author"))
    ScenarioFactory(article=article, title="A scenario to go")
    assert gone in page(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, save_related=lambda: change(article))
    assert gone not in page(client, article)


def kept_text_replaced(article, body):
    """The article's kept text, its body made recognisable, as if the cache had lost it."""
    RenderedText.objects.filter(article=article).update(body=body)
    cache.clear()


def test_the_text_is_rendered_once_and_read_back_when_the_cache_lost_it(client, article):
    page(client, article)
    kept_text_replaced(article, "<p>The kept copy</p>")
    assert "<p>The kept copy</p>" in page(client, article)


def test_a_page_made_from_the_kept_text_is_the_page_as_first_rendered(client, article):
    ScenarioFactory(article=article, title="A scenario <with> “marks” & more")
    first = page(client, article)
    cache.clear()
    assert page(client, article) == first


def test_a_text_kept_by_earlier_code_is_rendered_again(client, article):
    page(client, article)
    RenderedText.objects.filter(article=article).update(stamp="an earlier deploy")
    kept_text_replaced(article, "<p>The kept copy</p>")
    html = page(client, article)
    assert "The kept copy" not in html
    assert "We expect it to happen." in html  # its Outlook, rendered again
    assert RenderedText.objects.get(article=article).stamp == deployed_stamp()


def test_a_text_kept_before_the_article_changed_is_rendered_again(client, article):
    page(client, article)
    # Any save moves `modified_at`, even one that tells no one (a data fix in the shell).
    article.summary = "A summary written later."
    article.save()
    kept_text_replaced(article, "<p>The kept copy</p>")
    html = page(client, article)
    assert "The kept copy" not in html
    assert "A summary written later." in html


def test_a_database_that_takes_no_writes_still_shows_the_page(client, article, caplog):
    def read_only(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith('INSERT INTO "ARTICLES_RENDEREDTEXT"'):
            raise OperationalError("cannot execute INSERT in a read-only transaction")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(read_only):
        html = page(client, article)
    assert "We expect it to happen." in html
    assert not RenderedText.objects.filter(article=article).exists()
    assert "was not kept" in caplog.text
    cache.clear()
    assert page(client, article) == html  # and the next view keeps it
    assert RenderedText.objects.filter(article=article).exists()


def test_a_text_rendered_from_the_data_before_a_rename_is_not_shown_after_it(
    client, article, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Ada Oldname")
    article.authors.add(author)
    page(client, article)
    before = RenderedText.objects.filter(article=article).values().get()
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "Ada Newname"
        services.author_save(author=author)
    # A render that read the article before the rename committed, and kept its text after.
    RenderedText.objects.update_or_create(article=article, defaults=before)
    html = page(client, article)
    assert "Ada Newname" in html
    assert "Ada Oldname" not in html
