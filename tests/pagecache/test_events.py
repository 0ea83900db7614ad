"""Each event of pagecache.dependencies.EVENTS, made through its service, names exactly the
scopes declared for it; and docs/benchmarks.md shows the table of what goes cold per event
that pagecache.cold works out from those declarations."""

import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import timezone

from articles import services as articles_services
from articles.models import Page
from articles.services import article_publish
from articles.tasks import refresh_pages_for_scheduled_articles
from discussion import services as discussion_services
from pagecache import cold, dependencies
from predictions import services as predictions_services
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory, CategoryFactory, complete_article
from tests.pagecache.scopes import invalidated_by
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


@pytest.fixture
def world(db):
    """An article of Tech, another of Sports, a verified reader and an open prediction."""
    article = ArticleFactory(category=CategoryFactory(name="Tech"))
    elsewhere = ArticleFactory(category=CategoryFactory(name="Sports"))
    reader = ReaderFactory()
    prediction = PredictionFactory()
    ProbabilityUpdateFactory(prediction=prediction, probability=40)
    return SimpleNamespace(
        article=article, elsewhere=elsewhere, reader=reader, prediction=prediction
    )


def on(world, article=None):
    article = article or world.article
    return SimpleNamespace(
        address=(article.category.slug, article.slug),
        reader=world.reader.pk,
        prediction=world.prediction.slug,
    )


def bystanders(world):
    """Scopes of what no event here touches: they must not move."""
    other = world.elsewhere
    return [
        dependencies.article(other.category.slug, other.slug),
        dependencies.category_articles(other.category.slug),
        dependencies.discussion(other.category.slug, other.slug),
        dependencies.reader(world.reader.pk + 1000),
        dependencies.prediction("another-question"),
    ]


def comment(world):
    discussion_services.comment_create(article=world.article, author=world.reader, body="A point.")


def forecast(world):
    predictions_services.forecast_submit(
        prediction=world.prediction, reader=world.reader, probability=70
    )


def newsroom_update(world):
    predictions_services.probability_update_add(
        prediction=world.prediction, probability=55, rationale="New filings."
    )


def resolution(world):
    predictions_services.prediction_resolve(prediction=world.prediction, outcome=True)


def edit(world):
    world.article.title = "A new title"
    articles_services.article_save(article=world.article)


def page_save(world):
    page = Page.objects.filter(slug="about").first() or Page(slug="about", title="About")
    page.body = "Us."
    articles_services.page_save(page=page)


CHANGES = {
    "A comment": comment,
    "A reader's forecast": forecast,
    "A newsroom probability update": newsroom_update,
    "A resolution": resolution,
    "An article edited": edit,
    "An About or Privacy page saved": page_save,
}


def test_every_event_is_made_here():
    made = {*CHANGES, "An article published", "A scheduled article going live"}
    assert made == set(dependencies.EVENTS)


@pytest.mark.parametrize("event", sorted(CHANGES))
def test_each_change_names_the_scopes_declared_for_it(
    event, world, django_capture_on_commit_callbacks
):
    if event == "A reader's forecast":
        world.reader.emailaddress_set.update(verified=True)
    declared = set(dependencies.EVENTS[event](on(world)))
    moved = invalidated_by(
        lambda: CHANGES[event](world),
        django_capture_on_commit_callbacks,
        *declared,
        *bystanders(world),
    )
    assert moved == declared


def test_a_publication_names_the_scopes_declared_for_it(world, django_capture_on_commit_callbacks):
    draft = complete_article(category=world.article.category, draft=True)
    declared = set(dependencies.EVENTS["An article published"](on(world, draft)))
    moved = invalidated_by(
        lambda: article_publish(article=draft),
        django_capture_on_commit_callbacks,
        *declared,
        *bystanders(world),
    )
    assert moved == declared


def test_a_go_live_names_the_scopes_declared_for_it_once(world, django_capture_on_commit_callbacks):
    scheduled = ArticleFactory(
        category=world.article.category, published_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    declared = set(dependencies.EVENTS["A scheduled article going live"](on(world, scheduled)))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        moved = invalidated_by(
            refresh_pages_for_scheduled_articles,
            django_capture_on_commit_callbacks,
            *declared,
            *bystanders(world),
        )
    assert moved == declared


def test_the_benchmarks_show_the_table_of_what_goes_cold_per_event():
    assert cold.table() in DOC.read_text(), "Run `make bench BENCH=cold` to write it again."
    # Only a deploy or a site-wide setting makes every page cold.
    everything = [row for row in cold.rows() if row[2] == "every page"]
    assert [row[0] for row in everything] == [cold.DEPLOY]
