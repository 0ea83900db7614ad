"""PostgreSQL prepares the queries a connection repeats (PREPARED_STATEMENTS, on by default)."""

import pytest
from django.core.cache import cache
from django.db import connection

from tests.predictions.factories import PredictionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def prepared():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_the_queries_of_a_page_rendered_again_are_prepared(client, settings):
    settings.CACHE_PUBLIC_PAGES = False
    PredictionFactory(claim="Will it be prepared?")
    for _ in range(3):  # prepared once it has run twice
        cache.clear()  # nothing kept: each request renders the page from the database
        assert "Will it be prepared?" in client.get("/").content.decode()
    # Parameters are bound on the server ($1), and the query PostgreSQL planned is kept.
    assert any(
        "predictions_prediction" in statement and "$1" in statement for statement in prepared()
    )
