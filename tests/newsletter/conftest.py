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
