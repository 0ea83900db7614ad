"""Querysets compiled once and run with other values each time (pagecache.compiled)."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from pagecache.compiled import Compiled
from tests.articles.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


class Builder:
    """Published articles of a category, or of an address; counts the compilations."""

    def __init__(self):
        self.calls = 0

    def __call__(self, newest_first, *, now, category=None, slug=None):
        self.calls += 1
        articles = Article.objects.published(now).select_related("category")
        if category is not None:
            articles = articles.filter(category_id=category)
        if slug is not None:
            articles = articles.filter(category__slug=slug[0], slug=slug[1])
        return articles.order_by("-published_at" if newest_first else "published_at", "pk")


def test_runs_return_what_the_queryset_would_with_each_run_s_values(django_assert_num_queries):
    builder = Builder()
    compiled = Compiled(builder)
    tech, sports = CategoryFactory(name="Tech"), CategoryFactory(name="Sports")
    older = ArticleFactory(category=tech, published_at=timezone.now() - datetime.timedelta(days=2))
    newer = ArticleFactory(category=tech)
    other = ArticleFactory(category=sports)
    now = timezone.now()

    for category, newest_first in [(tech, True), (sports, True), (tech, False)]:
        expected = list(builder(newest_first, now=now, category=category.pk))
        with django_assert_num_queries(1):
            found = compiled(newest_first, now=now, category=category.pk)
        assert found == expected
        # The related objects came with the row, as select_related() brings them.
        with django_assert_num_queries(0):
            assert {article.category.name for article in found} == {category.name}

    assert compiled(True, now=now, category=tech.pk) == [newer, older]
    assert compiled(True, now=now, category=sports.pk) == [other]
    # Once for each shape, the builder's calls above aside.
    assert builder.calls == 3 + 2


def test_a_time_is_a_value_like_any_other():
    compiled = Compiled(Builder())
    scheduled = ArticleFactory(scheduled=True)
    assert compiled(True, now=timezone.now()) == []
    later = scheduled.published_at + datetime.timedelta(seconds=1)
    assert compiled(True, now=later) == [scheduled]


def test_strings_are_values_too():
    compiled = Compiled(
        lambda *, category, slug: Builder()(True, now=timezone.now(), slug=(category, slug))
    )
    article = ArticleFactory()
    ArticleFactory(category=article.category)
    assert compiled(category=article.category.slug, slug=article.slug) == [article]
    assert compiled(category=article.category.slug, slug="nowhere") == []


def test_a_value_the_query_does_not_use_is_refused():
    compiled = Compiled(lambda *, now, category: Article.objects.published(now))
    with pytest.raises(ValueError, match="category is not among the query's parameters"):
        compiled(now=timezone.now(), category=1)


def test_a_flag_belongs_to_the_shape():
    compiled = Compiled(lambda *, featured: Article.objects.filter(is_featured=featured))
    with pytest.raises(TypeError, match="make it part of the shape"):
        compiled(featured=True)
