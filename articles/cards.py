"""Article cards kept as HTML, each under its article, for the lists that show many at once.

A card changes when its article does (`modified_at` moves with every save of it) or when the
categories do (it names its category), so a category page gone stale because one article
changed builds that one card again and takes the others from the cache, all in one round
trip. Lists that are cached parts themselves (the home page's sections, Related Coverage)
build their cards when they are rendered.
"""

from django.core.cache import cache

from articles.templatetags.article_tags import article_card
from pagecache.dependencies import CATEGORIES
from pagecache.versions import current_versions, version_key

# Cards are checked against their article and the categories; a day keeps the cache tidy.
TIMEOUT = 60 * 60 * 24


def cards(articles, *, first_loading="lazy"):
    """The HTML of the cards of `articles` (`for_cards()`), in their order; the first card's
    image loads `first_loading`, the others' lazily."""
    articles = list(articles)
    if not articles:
        return []
    loadings = [first_loading, *["lazy"] * (len(articles) - 1)]
    keys = [
        f"card:{article.pk}:{loading}" for article, loading in zip(articles, loadings, strict=True)
    ]
    categories_key = version_key(CATEGORIES)
    found = cache.get_many([categories_key, *keys])
    (categories,) = current_versions([categories_key], found)
    shown, stored = [], {}
    for article, loading, key in zip(articles, loadings, keys, strict=True):
        version = (article.modified_at, categories)
        entry = found.get(key)
        if entry is None or entry["version"] != version:
            entry = {"version": version, "html": article_card(article, loading)}
            stored[key] = entry
        shown.append(entry["html"])
    if stored:
        cache.set_many(stored, timeout=TIMEOUT)
    return shown
