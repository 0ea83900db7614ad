"""Predictions on the search page, ranked and highlighted as articles are (articles.search):
on PostgreSQL by their weighted search document, on SQLite by an FTS5 table."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from articles.search import MARK_START, MARK_STOP, fts5_query, highlight
from articles.services import SEARCH_CONFIG
from predictions.models import Prediction
from predictions.services import SQLITE_SEARCH_TABLE

RESULTS = 6
TEMPLATE = "predictions/includes/_search_results.html"


def _listed():
    return Prediction.objects.select_related("category")


def _postgres_search(query):
    search_query = SearchQuery(query.text, search_type="websearch", config=SEARCH_CONFIG)
    return list(
        _listed()
        .filter(search_document=search_query)
        .annotate(
            rank=SearchRank(F("search_document"), search_query),
            marked_claim=SearchHeadline(
                "claim",
                search_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            ),
        )
        .order_by("-rank", "-opened_at", "pk")[:RESULTS]
    )


def _sqlite_search(query):
    expression = fts5_query(query.text)
    if not expression:
        return []
    table, predictions = SQLITE_SEARCH_TABLE, Prediction._meta.db_table
    return list(
        _listed()
        # The FTS5 table has no model; its rank and highlights exist only in a full-text query.
        .extra(  # noqa: S610 (constant SQL; what the reader typed is a parameter)
            tables=[table],
            where=[f"{table}.rowid = {predictions}.id", f"{table} MATCH %s"],
            params=[expression],
            select={
                # Weighted 1 : 0.4 : 0.2 as PostgreSQL's default weights for A, B and C are.
                "rank": f"bm25({table}, 10.0, 4.0, 2.0)",
                "marked_claim": f"highlight({table}, 0, char(2), char(3))",
            },
            order_by=["rank", "-opened_at", "pk"],
        )[:RESULTS]
    )


def search_predictions(query):
    """Predictions matching the query, best first, each with its claim's matches marked."""
    if connection.vendor == "postgresql":
        results = _postgres_search(query)
    else:
        results = _sqlite_search(query)
    for prediction in results:
        prediction.marked_claim = highlight(prediction.marked_claim)
    return results
