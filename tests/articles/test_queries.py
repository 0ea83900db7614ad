"""Query counts are fixed whatever the number of articles, authors and inlines.

Each count is measured on a cold cache (the autouse fixture empties it), as an
anonymous reader without a session.
"""

import pytest
from django.core.cache import cache

from articles.services import article_index_for_search
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FAQItemFactory,
    ScenarioFactory,
    TimelineEventFactory,
)

pytestmark = pytest.mark.django_db

# The first view of an article: article with category; the discussion (threads, replies
# and authors in one query); its text, not rendered yet; its sections, loaded only to render
# them; authors; scenarios; timeline events; FAQ items; the text kept (articles.fragments),
# in a transaction of its own (two statements more: BEGIN and COMMIT, here a savepoint);
# related articles; the “Our forecast” box.
ARTICLE_PAGE_FIRST_QUERIES = 13
# Once its text is kept beside it, a view that finds nothing in the cache: article with
# category; the discussion; its text; related articles; the “Our forecast” box.
ARTICLE_PAGE_QUERIES = 5
# Once the article and its page's parts are kept in the cache (see articles.fragments).
ARTICLE_PAGE_WARM_QUERIES = 0
# categories; the lead story's candidates and each category's latest (one query of
# LIMITed parts, whatever the archive's size); open predictions.
HOME_QUERIES = 3
# category; the page of articles (no count, no OFFSET: a deep page costs the same).
CATEGORY_QUERIES = 2
# author; count for the paginator; the page of articles (with their categories).
AUTHOR_QUERIES = 3
# the ranked articles; the ranked predictions (predictions.search).
SEARCH_QUERIES = 2
# articles; their authors (prefetched) — plus the category for a category feed.
FEED_QUERIES = 2


def article_with(size):
    article = ArticleFactory()
    article.authors.add(*AuthorFactory.create_batch(size))
    ScenarioFactory.create_batch(size, article=article, probability=None)
    TimelineEventFactory.create_batch(size, article=article)
    FAQItemFactory.create_batch(size, article=article)
    ArticleFactory.create_batch(size, category=article.category)
    return article


@pytest.mark.parametrize("size", [1, 8])
def test_article_page_queries_do_not_grow_with_its_parts(
    client, django_assert_num_queries, settings, size
):
    article = article_with(size)
    with django_assert_num_queries(ARTICLE_PAGE_FIRST_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200
    cache.clear()  # evicted, or Redis restarted
    with django_assert_num_queries(ARTICLE_PAGE_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200
    # The page expired (it is kept five minutes), its parts not: they are kept until changed.
    settings.CACHE_PUBLIC_PAGES = False
    with django_assert_num_queries(ARTICLE_PAGE_WARM_QUERIES):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_home_queries_do_not_grow_with_articles(client, django_assert_num_queries, size):
    for name in ["Tech", "Sports", "Finance", "Gaming"]:
        ArticleFactory.create_batch(size, category=CategoryFactory(name=name))
    with django_assert_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", [1, 15, 40])
def test_category_queries_do_not_grow_with_articles(client, django_assert_num_queries, size):
    oldest = ArticleFactory.create_batch(size)[0]
    with django_assert_num_queries(CATEGORY_QUERIES):
        assert client.get("/tech/").status_code == 200
    with django_assert_num_queries(CATEGORY_QUERIES):
        assert client.get(f"/tech/?after={oldest.pk}").status_code in {200, 302}


@pytest.mark.parametrize("size", [1, 15])
def test_author_queries_do_not_grow_with_articles(client, django_assert_num_queries, size):
    author = AuthorFactory()
    for article in ArticleFactory.create_batch(size):
        article.authors.add(author, AuthorFactory())
    with django_assert_num_queries(AUTHOR_QUERIES):
        assert client.get(author.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_search_queries_do_not_grow_with_results(client, django_assert_num_queries, size):
    articles = ArticleFactory.create_batch(size, title="Quantum timing")
    article_index_for_search(article_ids=[article.pk for article in articles])
    with django_assert_num_queries(SEARCH_QUERIES):
        assert client.get("/search/?q=quantum").status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_feed_queries_do_not_grow_with_entries(client, django_assert_num_queries, size):
    for article in ArticleFactory.create_batch(size):
        article.authors.add(AuthorFactory())
    with django_assert_num_queries(FEED_QUERIES):
        assert client.get("/feeds/").status_code == 200
    with django_assert_num_queries(FEED_QUERIES + 1):
        assert client.get("/feeds/tech/").status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_sitemap_queries_do_not_grow_with_articles(client, django_assert_num_queries, size):
    ArticleFactory.create_batch(size)
    for article in ArticleFactory.create_batch(size):
        article.authors.add(AuthorFactory())
    # The index: the last article's id; a count of categories; the latest change and a
    # count of each of authors, pages and predictions (none here: test_discovery.py), and
    # the newsletter archive's issues (tests/newsletter/test_archive.py).
    with django_assert_num_queries(10):
        assert client.get("/sitemap.xml").status_code == 200
    # A page of articles: one range of ids.
    with django_assert_num_queries(1):
        assert client.get("/sitemap-articles.xml").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/news-sitemap.xml").status_code == 200
