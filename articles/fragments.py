"""The article page's parts, cached under its address, each stored with what it depends on.

Every cached page goes stale when any article changes, so the page cache alone would
render the whole site again after each edit. The article page is also kept in parts, and
a page-cache miss renders again only the parts whose own version moved:

- the article, as far as its page shows it: kept with the version of its page, which
  comment changes bump (they change `comment_count`), and dropped after any change to it,
  its inlines, authors or category (see `articles.signals`);
- its head tags and body: with its `modified_at`, which those changes move too;
- Related Coverage: with the version of its category's list of articles, which every
  change to an article of the category bumps, and the go-live of a scheduled one
  (`articles.tasks`); with the version of its pins, which a change to an article pinned
  there bumps; and with its `modified_at`, which a change to its pins moves;
- the “Our forecast” box: with the version of the newsroom's forecasts;
- the Discussion as anonymous readers see it: with the article's `modified_at` (comments
  may be closed) and its page's version. Signed-in readers get theirs rendered, with its
  forms.

Every key follows from the address, so the article, its parts and the versions to check
them against come back in one round trip to the cache; an unchanged page needs no query.
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from accounts import discussion
from articles import structured_data
from articles.models import ARTICLE_PARTS, Article
from predictions.services import NEWSROOM_FORECASTS
from predictions.templatetags.forecasts import article_forecasts
from veridact.caching import SHARED_MAX_AGE, ShowInstead, version_key

# Parts checked against their content's version stay until evicted; a day keeps it tidy.
TIMEOUT = 60 * 60 * 24
# What time changes too is kept no longer than a cached page is: the discussion says
# “3 minutes ago”, Related Coverage gains scheduled articles as they go live, and the
# article's record drops a change it missed (one read just before the change committed).
SHORT_TIMEOUT = SHARED_MAX_AGE
# The page's meta description: the summary's first words.
DESCRIPTION_WORDS = 40
FORECASTS_TEMPLATE = "predictions/includes/_article_forecasts.html"
RELATED_TEMPLATE = "articles/includes/_related.html"


def category_scope(category_slug):
    """Names the cached lists of a category's latest articles, a scope of `invalidate`."""
    return f"category-articles:{category_slug}"


def pins_scope(category_slug, slug):
    """Names what the article at an address pins in its Related Coverage, a scope of
    `invalidate`: a change to a pinned article makes the Related Coverage there stale."""
    return f"related-pins:{category_slug}:{slug}"


def _key(name, category_slug, slug):
    return f"article-page:{name}:{category_slug}:{slug}"


def forget_articles(addresses):
    """Drop the kept records of the articles at these (category slug, slug) addresses."""
    cache.delete_many([_key("record", *address) for address in addresses])


def _render_article(article):
    if deferred := article.get_deferred_fields():  # the page loads only what it shows itself
        article.refresh_from_db(fields=deferred)
    prefetch_related_objects([article], *ARTICLE_PARTS)
    context = {
        "article": article,
        "structured_data": structured_data.for_article(article),
        "SITE_URL": settings.SITE_URL,
    }
    return {
        "description": Truncator(article.summary).words(DESCRIPTION_WORDS),
        "head": render_to_string("articles/includes/_article_head.html", context),
        "body": render_to_string("articles/includes/_article_body.html", context),
    }


def _render_related(article):
    related = Article.objects.published().for_cards().related_to(article)
    return render_to_string(RELATED_TEMPLATE, {"related": related})


def _render_forecasts(article):
    return render_to_string(FORECASTS_TEMPLATE, article_forecasts(article))


def preview_parts(article):
    """Every part of a page for staff previewing an unpublished article, none cached."""
    return {
        **_render_article(article),
        "related": _render_related(article),
        "forecasts": _render_forecasts(article),
    }


def article_page(request, category_slug, slug):
    """The article at an address, published or not, and, when published, its page's parts.

    Returns (None, None) when there is no article at the address.
    """
    record_key = _key("record", category_slug, slug)
    path = reverse("articles:detail", args=[category_slug, slug])
    scopes = (
        path,
        NEWSROOM_FORECASTS,
        category_scope(category_slug),
        pins_scope(category_slug, slug),
    )
    page_key, forecasts_key, category_key, pins_key = (version_key(scope) for scope in scopes)
    part_keys = {
        name: _key(name, category_slug, slug) for name in ("article", "related", "forecasts")
    }
    anonymous = not request.user.is_authenticated
    if anonymous:
        number = discussion.page_number(request)
        part_keys["discussion"] = _key(f"discussion-{number}", category_slug, slug)
    found = cache.get_many(
        [record_key, page_key, forecasts_key, category_key, pins_key, *part_keys.values()]
    )
    page_version = found.get(page_key, 1)

    record = found.get(record_key)
    if record is None or record["version"] != page_version:
        articles = Article.objects.for_article_page()
        article = articles.filter(category__slug=category_slug, slug=slug).first()
        if article is None:
            return None, None
        record = {"version": page_version, "article": article}
        cache.set(record_key, record, timeout=SHORT_TIMEOUT)
    article = record["article"]
    if not article.is_published():
        return article, None
    last_page = discussion.last_page(article)
    if discussion.page_number(request) > last_page:
        # Not rendered, and not stored: ?comments= takes only the pages there can be.
        number = str(last_page) if last_page > 1 else None
        raise ShowInstead(fragment="discussion", **{discussion.PAGE_PARAMETER: number})

    # Each part: the version it must have been stored with, how to render it, how long to keep it.
    parts = {
        "article": (article.modified_at, _render_article, TIMEOUT),
        "related": (
            (found.get(category_key, 1), found.get(pins_key, 1), article.modified_at),
            _render_related,
            SHORT_TIMEOUT,
        ),
        "forecasts": (found.get(forecasts_key, 1), _render_forecasts, TIMEOUT),
        "discussion": (
            (article.modified_at, page_version),
            functools.partial(discussion.render_section, request),
            SHORT_TIMEOUT,
        ),
    }
    shown = {}
    for name, key in part_keys.items():
        version, render, timeout = parts[name]
        entry = found.get(key)
        if entry is None or entry["version"] != version:
            entry = {"version": version, "content": render(article)}
            cache.set(key, entry, timeout=timeout)
        shown[name] = entry["content"]
    return article, {**shown.pop("article"), **shown}
