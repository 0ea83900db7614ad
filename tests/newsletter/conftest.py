import importlib

import pytest

from articles.models import Category


@pytest.fixture(autouse=True)
def _fresh_renderers():
    from newsletter import sending

    sending._renderer.cache_clear()
    yield
    sending._renderer.cache_clear()


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
