"""Search: weighted PostgreSQL full-text search with ranked, highlighted snippets,
and a plain substring fallback on SQLite."""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.services import SEARCH_CONFIG

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS = 30
# Sentinels PostgreSQL wraps around matches; replaced by <mark> after escaping the text.
_START, _STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Query:
    text: str
    shortened: bool

    def __bool__(self):
        return bool(self.text)


def _printable(raw):
    printable = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char for char in raw or ""
    )
    return " ".join(printable.split())


def search_parameter(raw):
    """The search as the page cache keys it (None when empty).

    One character past the limit is kept, so the page can still say it was shortened.
    """
    return _printable(raw)[: MAX_QUERY_LENGTH + 1] or None


def normalise_query(raw):
    """Printable characters only, whitespace collapsed, at most MAX_QUERY_LENGTH of them."""
    text = _printable(raw)
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return Query(text=text, shortened=shortened)


def _highlight(snippet):
    return mark_safe(  # noqa: S308 (escaped first; only our own <mark> added)
        escape(snippet).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _postgres_search(query):
    search_query = SearchQuery(query.text, search_type="websearch", config=SEARCH_CONFIG)
    articles = (
        Article.objects.published()
        .for_cards()
        .filter(search_document=search_query)
        .annotate(
            rank=SearchRank(F("search_document"), search_query),
            snippet=SearchHeadline(
                Concat("summary", Value(" "), "outlook", output_field=TextField()),
                search_query,
                config=SEARCH_CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at")[:RESULTS]
    )
    for article in articles:
        article.snippet = _highlight(article.snippet)
    return articles


def _fallback_search(query):
    terms = query.text.split()[:MAX_TERMS]
    condition = Q()
    for term in terms:
        condition &= (
            Q(title__icontains=term)
            | Q(headline__icontains=term)
            | Q(summary__icontains=term)
            | Q(outlook__icontains=term)
        )
    articles = list(Article.objects.published().for_cards().filter(condition)[:RESULTS])
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    for article in articles:
        marked = pattern.sub(lambda match: f"{_START}{match.group(0)}{_STOP}", article.summary)
        article.snippet = _highlight(marked)
    return articles


def search_articles(query):
    """Published articles matching the query, best first, each with a highlighted snippet."""
    if not query:
        return []
    if connection.vendor == "postgresql":
        return list(_postgres_search(query))
    return _fallback_search(query)
