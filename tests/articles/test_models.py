import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Category, TimelineEvent
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    ScenarioFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_articles():
    live = ArticleFactory()
    ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    assert list(Article.objects.published()) == [live]
    assert list(Article.objects.scheduled()) == [scheduled]
    assert live.is_published() and not scheduled.is_published()
    assert scheduled.is_scheduled()


def test_home_candidates_are_the_latest_featured_the_latest_and_each_categorys_latest():
    tech, sports = CategoryFactory(name="Tech"), CategoryFactory(name="Sports")
    CategoryFactory(name="Gaming")  # nothing published: no candidates
    now = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)

    def article(category, days, **kwargs):
        return ArticleFactory(
            category=category, published_at=now - datetime.timedelta(days=days), **kwargs
        )

    tech_articles = [article(tech, day) for day in range(4)]
    featured = article(sports, 30, is_featured=True)
    article(sports, 40, is_featured=True)  # an older featured one
    sports_latest = article(sports, 10)
    article(tech, -1, draft=True)
    categories = [category.pk for category in Category.objects.all()]
    candidates = set(Article.objects.published().home_candidates(categories, 2))
    assert candidates == {tech_articles[0], tech_articles[1], sports_latest, featured}
    sections = Article.objects.published().home_candidates([tech.pk], 1, lead=False)
    assert list(sections) == [tech_articles[0]]


def test_related_to_is_the_latest_four_in_the_category_without_itself():
    article = ArticleFactory()
    others = [ArticleFactory(category=article.category) for _ in range(5)]
    ArticleFactory(category=CategoryFactory(name="Gaming"))
    related = list(Article.objects.published().related_to(article.pk, article.category_id))
    assert len(related) == 4
    assert article not in related
    assert set(related) <= set(others)


def test_article_slug_is_unique_within_its_category_only():
    article = ArticleFactory(slug="same")
    ArticleFactory(slug="same", category=CategoryFactory(name="Finance"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="same", category=article.category)


def test_published_article_must_have_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(published_at=None)


def test_scenario_probability_cannot_exceed_100_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ScenarioFactory(probability=101)


@pytest.mark.parametrize(
    ("precision", "stored", "shown", "iso"),
    [
        (TimelineEvent.Precision.DAY, datetime.date(2026, 6, 12), "12 June 2026", "2026-06-12"),
        (TimelineEvent.Precision.MONTH, datetime.date(2026, 6, 1), "June 2026", "2026-06"),
        (TimelineEvent.Precision.YEAR, datetime.date(2026, 1, 1), "2026", "2026"),
    ],
)
def test_timeline_dates_are_stored_and_shown_at_their_precision(precision, stored, shown, iso):
    event = TimelineEventFactory(date=datetime.date(2026, 6, 12), precision=precision)
    event.refresh_from_db()
    assert event.date == stored
    assert event.display_date == shown
    assert event.iso_date == iso
