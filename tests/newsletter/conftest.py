import importlib

import pytest

from articles.models import Category
from veridact.celery import app as celery_app


@pytest.fixture(autouse=True)
def _eager_celery(request):
    """Run tasks in-process here, even when REDIS_URL makes the app publish to Redis."""
    if request.node.get_closest_marker("celery"):
        yield
        return
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _fresh_renderers():
    from newsletter import digests

    digests._renderer.cache_clear()
    yield
    digests._renderer.cache_clear()


@pytest.fixture
def categories(db):
    return {category.slug: category for category in Category.objects.all()}


@pytest.fixture
def categories_from_migrations(transactional_db):
    """Make sure the categories the articles migration creates exist, in a transactional test.

    serialized_rollback restores them after an earlier test's flush, but not after a
    Playwright test has run in the session (Django then sees another connection object,
    without the serialized data); so put them back here if they are missing.
    """
    migration = importlib.import_module("articles.migrations.0002_categories_pages_editors")
    for name, slug, description, colour, order in migration.CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "accent_colour": colour,
                "order": order,
            },
        )
    return {category.slug: category for category in Category.objects.all()}
