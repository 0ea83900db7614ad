"""Search through the search page. Every test runs on both databases: on SQLite (an FTS5
table) in `make test`, on PostgreSQL (the weighted search document) in .ci/run's second pass."""

import datetime
import re

import pytest
from django.utils import timezone

from articles.search import MAX_QUERY_LENGTH, fts5_query, normalise_query
from articles.services import article_index_for_search
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def indexed(**kwargs):
    article = ArticleFactory(**kwargs)
    article_index_for_search(article_ids=[article.pk])
    return article


def test_search_finds_published_articles_and_highlights_the_match(client):
    indexed(title="Will the quantum chip ship?", summary="A quantum chip is due next spring.")
    indexed(title="Unrelated", summary="Nothing to see.")
    html = client.get("/search/?q=quantum").content.decode()
    assert "Will the quantum chip ship?" in html
    assert "Unrelated" not in html
    assert "<mark>" in html.split('class="search-results"')[1]


def test_empty_query_gets_a_prompt(client):
    response = client.get("/search/?q=")
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_no_results_says_so(client):
    indexed(title="Something")
    html = client.get("/search/?q=xylophone").content.decode()
    assert "No articles match “xylophone”" in html


@pytest.mark.parametrize(
    "query",
    [
        "a" * 10_000,
        "word " * 2_000,
        "\x00\x01\x02 nul \x1b[31m",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "!!! ::: &&& |||",
        "\ud7ff\ue000 😀 漢字",
    ],
)
def test_absurd_queries_get_a_clear_page_never_an_error(client, query):
    indexed(title="Something")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_long_query_is_shortened_with_a_note(client):
    html = client.get("/search/", {"q": "long " * 2_000}).content.decode()
    assert "Your search was long" in html


def test_normalise_query_removes_control_characters_and_limits_length():
    assert normalise_query("  a\x00b\tc\n  ").text == "a b c"
    long = normalise_query("word " * 100)
    assert long.shortened and len(long.text) <= MAX_QUERY_LENGTH
    assert not normalise_query("\x00\x00")


def results(client, query):
    """The titles of the results, in their order."""
    html = client.get("/search/", {"q": query}).content.decode()
    if 'class="search-results"' not in html:
        return []
    items = html.split('class="search-results"')[1].split("</ol>")[0]
    return [
        part.split("</a>")[0].split(">")[-1]
        for part in items.split('class="search-result__title"')[1:]
    ]


def test_search_ranks_title_matches_above_body_matches(client):
    body = indexed(title="Markets", outlook="The merger will close in spring.")
    title = indexed(title="Will the merger close?", outlook="Regulators decide.")
    assert results(client, "merger") == [title.title, body.title]


def dated(day, **kwargs):
    start = timezone.now() - datetime.timedelta(days=30)
    return indexed(published_at=start + datetime.timedelta(days=day), **kwargs)


def test_search_ranks_only_the_latest_matches(client, monkeypatch):
    monkeypatch.setattr("articles.search.RECENT", 3)
    monkeypatch.setattr("articles.search.OLDER", 0)
    # The oldest would rank first (a title match), but only the latest three are ranked.
    dated(0, title="Merger watch", summary="Deals.")
    for day, title in enumerate(["Markets one", "Markets two", "Markets three"], start=1):
        dated(day, title=title, summary="The merger will close.")
    assert sorted(results(client, "merger")) == ["Markets one", "Markets three", "Markets two"]
    monkeypatch.setattr("articles.search.RECENT", 500)
    assert results(client, "mergers")[0] == "Merger watch"  # another page-cache key


def test_search_finds_a_rare_word_however_old_its_article(client, monkeypatch):
    monkeypatch.setattr("articles.search.RECENT", 3)
    monkeypatch.setattr("articles.search.OLDER", 5)
    dated(0, title="The zeppelin returns")
    for day in range(1, 6):
        dated(day, title=f"Markets {day}")
    assert results(client, "zeppelin") == ["The zeppelin returns"]


def test_search_understands_word_forms(client):
    indexed(title="Rates", summary="The central bank is cutting rates.")
    assert results(client, "cuts") == ["Rates"]


def test_search_matches_words_not_parts_of_words(client):
    # A substring match found "rate" in "generate" and "cut" in "cutscene".
    indexed(title="Will the ECB deliver a rate cut in June?", summary="Markets price a cut.")
    indexed(title="Will the next Xbox generate cutscenes on the fly?", summary="Maybe.")
    indexed(title="PlayStation sales: accurate or not?", summary="Separate the hype from the cuts.")
    assert results(client, "rate cut") == ["Will the ECB deliver a rate cut in June?"]


def test_search_understands_phrases_alternatives_and_exclusions(client):
    indexed(title="Rate cut ahead", summary="The bank eases in June.")
    indexed(title="Cutting costs", summary="Banks cut rates and costs.")
    indexed(title="Samsung foldable", summary="Samsung sets a rate for its phones.")
    assert sorted(results(client, "rate cut")) == ["Cutting costs", "Rate cut ahead"]
    assert results(client, '"rate cut"') == ["Rate cut ahead"]
    assert sorted(results(client, "cut or samsung")) == [
        "Cutting costs",
        "Rate cut ahead",
        "Samsung foldable",
    ]
    assert results(client, "rate -cut") == ["Samsung foldable"]


def test_search_leaves_out_drafts_and_scheduled_articles(client):
    indexed(title="Published quantum story")
    indexed(title="Draft quantum story", draft=True)
    indexed(title="Scheduled quantum story", scheduled=True)
    assert results(client, "quantum") == ["Published quantum story"]


def test_reindexing_follows_an_edit(client):
    article = indexed(title="Old wording")
    article.title = "New wording"
    article.save()
    article_index_for_search(article_ids=[article.pk])
    assert results(client, "old") == []
    assert results(client, "new") == ["New wording"]


def test_snippets_escape_the_article_text_and_mark_only_the_match(client):
    indexed(
        title="Injection",
        summary='The <script>alert(1)</script> quantum <b>bold</b> "claim" & more.',
    )
    html = client.get("/search/?q=quantum").content.decode()
    snippet = html.split('class="search-results"')[1].split("</ol>")[0]
    # PostgreSQL's headline drops the tags; SQLite's snippet keeps them, escaped.
    assert "<script>" not in snippet and "<b>" not in snippet
    assert "&quot;claim&quot; &amp; more" in snippet
    assert snippet.count("<mark>") == 1
    assert "<mark>quantum</mark>" in snippet


def test_snippets_show_where_the_summary_and_the_outlook_match(client):
    filler = " ".join(["word"] * 40)
    indexed(
        title="Chips",
        summary=f"Chips lead this paragraph. {filler}",
        outlook=f"{filler} Much later in the analysis, the foundry in Arizona opens. {filler}",
    )
    html = client.get("/search/?q=chips or arizona").content.decode()
    assert "<mark>Chips</mark>" in html and "<mark>Arizona</mark>" in html
    assert not re.search(r"…\s*…", html)  # one ellipsis where the two fragments meet


@pytest.mark.parametrize(
    ("typed", "expression"),
    [
        ("rate cut", '(("rate") AND ("cut"))'),
        ('"rate cut" ecb', '(("rate cut") AND ("ecb"))'),
        ("apple or samsung phone", '(("apple" OR "samsung") AND ("phone"))'),
        ('ecb -xbox -"play station"', '(("ecb")) NOT "xbox" NOT "play station"'),
        ("-xbox", ""),
        ("' OR 1=1 --", '(("1 1"))'),
        ('title:x* NEAR(a b) "open', '(("title x") AND ("NEAR a") AND ("b") AND ("open"))'),
        ("!!! ::: &&& |||", ""),
    ],
)
def test_fts5_query_quotes_every_word_so_nothing_typed_is_syntax(typed, expression):
    assert fts5_query(typed) == expression
