"""URLs reversed once (pagecache.reversing): the paths reverse() gives, kept apart for each
script prefix and URLconf."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse, set_script_prefix

from pagecache.reversing import cached_reverse
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# A URLconf that puts the category pages elsewhere, for the test that changes it.
urlpatterns = [
    path(
        "sections/",
        include(
            (
                [path("<slug:slug>/", lambda request, slug: HttpResponse(), name="category")],
                "articles",
            )
        ),
    )
]


def test_the_paths_are_those_reverse_gives_and_follow_a_rename():
    article = ArticleFactory(slug="chip-tariffs", category__slug="tech")

    assert article.get_absolute_url() == reverse("articles:detail", args=["tech", "chip-tariffs"])
    assert article.category.get_absolute_url() == reverse("articles:category", args=["tech"])

    article.category.slug = "technology"
    assert article.get_absolute_url() == "/technology/chip-tariffs/"


def test_a_site_under_a_script_prefix_gets_its_own_paths():
    before = cached_reverse("articles:category", "tech")
    set_script_prefix("/edition/")
    try:
        prefixed = cached_reverse("articles:category", "tech")
    finally:
        set_script_prefix("/")

    assert (before, prefixed) == ("/tech/", "/edition/tech/")
    assert cached_reverse("articles:category", "tech") == "/tech/"


def test_a_changed_urlconf_is_not_answered_from_the_old_one():
    assert cached_reverse("articles:category", "tech") == "/tech/"

    with override_settings(ROOT_URLCONF=__name__):
        assert cached_reverse("articles:category", "tech") == "/sections/tech/"

    assert cached_reverse("articles:category", "tech") == "/tech/"
