"""Every cached page declares what it shows, in pagecache.dependencies, and nothing else does."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pagecache import dependencies

# What each kind of scope looks like: a name for the site's lists, or a kind and what it names.
SCOPE = re.compile(
    r"(categories|articles|site-pages|forecasts|community|records|digests"
    r"|category:[-\w]+|author:[-\w]+|article:[-\w]+/[-\w]+|discussion:[-\w]+/[-\w]+"
    r"|related-pins:[-\w]+/[-\w]+|prediction:[-\w]+|reader:\d+)"
)


def cached_routes(patterns=None, namespace=""):
    """(URL name, route pattern) of every route whose view is a cached page."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from cached_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and getattr(entry.callback, "caches_public_page", 0):
            yield f"{namespace}{entry.name}", entry.pattern


def test_every_cached_page_is_declared_and_every_declaration_is_a_cached_page():
    assert sorted(name for name, _ in cached_routes()) == sorted(dependencies.PAGES)


def test_each_page_is_declared_with_its_urls_arguments_and_names_scopes_of_known_kinds():
    for name, pattern in cached_routes():
        arguments = dict.fromkeys(pattern.converters, "x1")
        if name == "accounts:profile":
            arguments = {"pk": 7}
        scopes = dependencies.page_scopes(name, arguments)
        assert all(SCOPE.fullmatch(scope) for scope in scopes), (name, scopes)


@pytest.mark.parametrize("name", sorted(n for n in dependencies.PARTS if n.startswith("article.")))
def test_each_part_of_the_article_page_names_scopes_its_page_depends_on(name):
    address = {"category": "tech", "slug": "a-story"}
    page = set(dependencies.page_scopes("articles:detail", address))
    assert set(dependencies.part_scopes(name, **address)) <= page


def test_every_section_of_the_sitemap_is_declared():
    from articles.sitemaps import SITEMAPS

    assert sorted(dependencies.SITEMAP_SECTIONS) == sorted(SITEMAPS)


def test_each_part_of_the_home_page_goes_stale_with_its_page():
    page = set(dependencies.page_scopes("articles:home", {}))
    for name in ["home.categories", "home.lead", "home.predictions"]:
        assert set(dependencies.part_scopes(name)) <= page, name
    # A section's category moves whenever the published articles do (or the categories).
    section = set(dependencies.part_scopes("home.section", slug="tech"))
    assert section - page == {dependencies.category_articles("tech")}
    assert dependencies.ARTICLES in page and dependencies.CATEGORIES in page


def test_the_category_pages_part_goes_stale_with_its_page():
    page = dependencies.page_scopes("articles:category", {"slug": "tech"})
    assert sorted(dependencies.part_scopes("category.page", slug="tech")) == sorted(page)
