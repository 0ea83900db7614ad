"""Each change readers and editors make shows at once on every cached page that shows it
(tests/articles/edits.py), and every model a cached page reads has such a change."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.sitemaps import SITEMAPS
from tests.articles.edits import COVERED_WITH, NOT_CONTENT, PAGE_EDITS, World
from tests.pagecache.test_dependencies import cached_routes

pytestmark = pytest.mark.django_db
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


@pytest.mark.parametrize("edit", PAGE_EDITS, ids=lambda edit: edit.name)
def test_a_change_shows_at_once_on_every_cached_page_that_shows_it(
    client, edit, django_capture_on_commit_callbacks
):
    world = World.make()
    pages = {name: world.url(name) for name in edit.pages}
    shows = edit.shows(world)
    for name, url in pages.items():
        assert shows not in client.get(url).content.decode(), f"{name} shows it already"
        assert "public" in client.get(url)["Cache-Control"], f"{name} is not a cached page"
    with django_capture_on_commit_callbacks(execute=True):
        edit.change(world)
    stale = [name for name, url in pages.items() if shows not in client.get(url).content.decode()]
    assert not stale


def _every_cached_page(world):
    """An address for each cached route, with the world's objects as its arguments."""
    article = world.article
    arguments = {
        "articles:category": [article.category.slug],
        "articles:detail": [article.category.slug, article.slug],
        "articles:author": [article.authors.first().slug],
        "articles:category_feed": [article.category.slug],
        "predictions:detail": [world.prediction.slug],
        "accounts:profile": [world.reader.pk],
        "newsletter:issue": ["daily", "edits-digest"],
    }
    for name, _ in cached_routes():
        if name == "articles:sitemap_section":
            yield from (reverse(name, args=[section]) for section in SITEMAPS)
        else:
            yield reverse(name, args=arguments.get(name, []))


def test_every_model_a_cached_page_reads_has_a_change_that_shows_on_it(client):
    world = World.make()
    for edit in PAGE_EDITS:  # so that every page has something of every kind to show
        if edit.name in {"a digest sent", "a reader's forecast"}:
            edit.change(world)
    models = {
        model._meta.db_table: model._meta.label
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }
    read = set()
    for url in _every_cached_page(world):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries:
            read |= {models[table] for table in TABLE.findall(query["sql"]) if table in models}
    changed = {model for edit in PAGE_EDITS for model in edit.models}
    changed |= {model for model, with_model in COVERED_WITH.items() if with_model in changed}
    assert read - NOT_CONTENT - changed == set()
    assert changed - read == set()  # and no edit names what no page reads
