import pytest
from django.db import connection

from articles.search import MAX_QUERY_LENGTH, normalise_query
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


@pytest.mark.postgres
def test_postgres_ranks_title_matches_above_body_matches(client):
    assert connection.vendor == "postgresql"
    body = indexed(title="Markets", outlook="The merger will close in spring.")
    title = indexed(title="Will the merger close?", outlook="Regulators decide.")
    html = client.get("/search/?q=merger").content.decode()
    assert html.index(title.title) < html.index(body.title)


@pytest.mark.postgres
def test_postgres_search_understands_word_forms(client):
    indexed(title="Rates", summary="The central bank is cutting rates.")
    assert "Rates" in client.get("/search/?q=cuts").content.decode()
