"""Search: ranked full-text search with highlighted snippets, on PostgreSQL by a weighted
search document, on SQLite (the embedded default) by an FTS5 table; both understand the
same query syntax (words, "phrases", `or`, `-word`) and word forms.

Apps above articles add their own kind of result to the search page with `register_search`
(predictions do, from their AppConfig.ready()), so this module never imports them."""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.services import SEARCH_CONFIG, SQLITE_SEARCH_TABLE

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
RESULTS = 30
# Only a bounded set of matches is ranked: a common word matches much of the archive, and
# ranking (and reading) every match grows with it. The candidates are the matches among the
# latest RECENT articles, and OLDER more from anywhere in the archive, so that a rare word
# is found however old its article (SQLite: the latest RECENT matches).
RECENT = 1000
OLDER = 50
# Sentinels the databases wrap around matches; replaced by <mark> after escaping the text.
MARK_START, MARK_STOP = "\x02", "\x03"


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


def highlight(snippet):
    """Escape a snippet and mark its matches (between MARK_START and MARK_STOP) with <mark>."""
    return mark_safe(  # noqa: S308 (escaped first; only our own <mark> added)
        escape(snippet).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    )


# The latest articles are read in a subquery of their own, which PostgreSQL cannot plan
# around: a common word costs RECENT rows at most, and two words the planner thinks rarer
# together than they are cannot send it through every match instead (a million articles:
# 0.7 s for "federal reserve"). The older matches come from the full-text index in no order,
# which stops at OLDER.
_RECENT_MATCHES = """
    SELECT recent.id FROM ({recent}) AS recent
    WHERE recent.search_document @@ websearch_to_tsquery(%s::regconfig, %s)
"""


def _postgres_candidates(text):
    published = Article.objects.published()
    recent = published.newest_first().values("id", "search_document")[:RECENT]
    sql, params = recent.query.sql_with_params()
    parts, params = [_RECENT_MATCHES.format(recent=sql)], [*params, SEARCH_CONFIG, text]
    if OLDER:
        search_query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        older = published.filter(search_document=search_query).order_by().values("id")[:OLDER]
        sql, older_params = older.query.sql_with_params()
        parts.append(f"SELECT older.id FROM ({sql}) AS older")  # noqa: S608 (compiled SQL)
        params += older_params
    return RawSQL(" UNION ".join(parts), params)  # noqa: S611 (compiled SQL, parameters)


def _postgres_search(query):
    search_query = SearchQuery(query.text, search_type="websearch", config=SEARCH_CONFIG)
    articles = (
        Article.objects.for_cards()
        .filter(pk__in=_postgres_candidates(query.text))
        .annotate(
            rank=SearchRank(F("search_document"), search_query),
            snippet=SearchHeadline(
                Concat("summary", Value(" "), "outlook", output_field=TextField()),
                search_query,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "-published_at")[:RESULTS]
    )
    for article in articles:
        article.snippet = highlight(article.snippet)
    return articles


# A word, a "quoted phrase" (its closing quote optional) or `or`, each perhaps after a minus.
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
_WORD = re.compile(r"\w+")
# Where two fragments meet, each snippet's own ellipsis and the joining one become one.
_ELLIPSES = re.compile(r"(?:\s*…)+\s*")


def fts5_query(text):
    """The search as an FTS5 expression, read as PostgreSQL's websearch syntax reads it.

    Words and "phrases" are all required, `or` offers alternatives and `-word` leaves out.
    Every word is quoted, so nothing typed is taken for FTS5's own syntax; empty when
    nothing searchable is left.
    """
    required, excluded, alternative, terms = [], [], False, 0
    for minus, phrase, bare in _TOKEN.findall(text):
        if not phrase and bare.lower() == "or" and not minus:
            alternative = bool(required)
            continue
        words = _WORD.findall(phrase or bare)
        if not words or terms == MAX_TERMS:
            continue
        terms += 1
        quoted = '"{}"'.format(" ".join(words))
        if minus:
            excluded.append(quoted)
        elif alternative:
            required[-1].append(quoted)
        else:
            required.append([quoted])
        alternative = False
    if not required:
        return ""
    expression = " AND ".join(f"({' OR '.join(group)})" for group in required)
    return " NOT ".join([f"({expression})", *excluded])


# Only the latest RECENT matches, by id, are ranked: FTS5 reads a query's matches in
# rowid order, and seeks to this lower bound on the rowid.
_SQLITE_CANDIDATES = (
    "{table}.rowid >= (SELECT min(rowid) FROM (SELECT rowid FROM {table} "
    "WHERE {table} MATCH %s ORDER BY rowid DESC LIMIT {limit}))"
)


def _sqlite_search(query):
    expression = fts5_query(query.text)
    if not expression:
        return []
    table, articles = SQLITE_SEARCH_TABLE, Article._meta.db_table

    def snippet(column):
        return f"snippet({table}, {column}, char(2), char(3), ' … ', 24)"

    results = list(
        Article.objects.published()
        .for_cards()
        # The FTS5 table has no model; its rank and snippets exist only in a full-text query.
        .extra(  # noqa: S610 (constant SQL; what the reader typed is a parameter)
            tables=[table],
            where=[
                f"{table}.rowid = {articles}.id",
                f"{table} MATCH %s",
                _SQLITE_CANDIDATES.format(table=table, limit=RECENT),
            ],
            params=[expression, expression],
            select={
                # bm25 is lower for better matches; columns weighted 1 : 0.4 : 0.2 as
                # PostgreSQL's default weights for A, B and C are.
                "rank": f"bm25({table}, 10.0, 4.0, 4.0, 2.0, 2.0)",
                "summary_snippet": snippet(2),
                "outlook_snippet": snippet(3),
            },
            order_by=["rank", "-published_at"],
        )[:RESULTS]
    )
    for article in results:
        # Like PostgreSQL's headline: the summary and the Outlook where they match, else
        # the summary's start.
        snippets = (article.summary_snippet, article.outlook_snippet)
        fragments = [text for text in snippets if MARK_START in text]
        joined = " … ".join(fragments or [article.summary_snippet])
        article.snippet = highlight(_ELLIPSES.sub(" … ", joined).strip())
    return results


def search_articles(query):
    """Published articles matching the query, best first, each with a highlighted snippet."""
    if not query:
        return []
    if connection.vendor == "postgresql":
        return list(_postgres_search(query))
    return _sqlite_search(query)


@dataclass(frozen=True)
class OtherResults:
    """Results of another kind than articles, with the template that lists them."""

    name: str
    template: str
    results: list


_OTHER_SEARCHES: dict[str, tuple[Callable[[Query], list], str]] = {}


def register_search(name: str, *, search: Callable[[Query], list], template: str) -> None:
    """Add a kind of result to the search page: `search(query)` gives them best first and
    `template` lists them (as `results`). Called from an app's AppConfig.ready()."""
    _OTHER_SEARCHES[name] = (search, template)


def search_other_kinds(query):
    """The results of every registered kind for the query, in the order they registered."""
    if not query:
        return []
    return [
        OtherResults(name=name, template=template, results=list(search(query)))
        for name, (search, template) in _OTHER_SEARCHES.items()
    ]
