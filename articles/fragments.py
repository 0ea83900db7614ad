"""The article page's parts, cached under its address, each stored with what it depends on.

The article page goes stale when anything it shows changes: its text, its discussion, its
category's other articles, the newsroom's forecasts. It is also kept in parts, so a miss of
the page renders again only the parts whose scopes moved (`pagecache.dependencies.PARTS`):
the article's row as the page reads it, its head tags and body, Related Coverage, the “Our
forecast” box and the Discussion as anonymous readers see it. Signed-in readers get their
discussion rendered, with its forms. The text, the costliest part, is also kept beside the
article (RenderedText): rendered once for each change of the article or of the deployed
code, so that a cache that lost it (evicted, restarted, forgotten) reads it in one query.

The page around the parts is kept too, as a frame (`pagecache.frames`): a page whose parts
are cached is put together without rendering a template. Every key follows from the
address, so the article, its parts, its frame and the versions to check them against come
back in one round trip to the cache; an unchanged page needs no query.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles import parts, structured_data
from articles.models import ARTICLE_PARTS, Article, RenderedText
from pagecache import dependencies
from pagecache.compiled import Compiled
from pagecache.frames import Kept
from pagecache.pages import SHARED_MAX_AGE, public_request
from pagecache.versions import current_versions, deployed_stamp, version_key

logger = logging.getLogger(__name__)

# Parts checked against their content's version stay until evicted; a day keeps it tidy.
TIMEOUT = 60 * 60 * 24
# What time changes too is kept no longer than a cached page is: Related Coverage gains
# scheduled articles as they go live, the article's record says whether it is published,
# and the frame's footer shows the year.
SHORT_TIMEOUT = SHARED_MAX_AGE
# The page's meta description: the summary's first words.
DESCRIPTION_WORDS = 40
RELATED_TEMPLATE = "articles/includes/_related.html"
# The text part: what is kept of it in the cache and beside the article (RenderedText).
TEXT_FIELDS = ("description", "head", "body")


def _key(name, category_slug, slug):
    return f"article-page:{name}:{category_slug}:{slug}"


# The queries every article's page makes, compiled once (pagecache.compiled).
_article_at = Compiled(
    lambda *, category, slug: Article.objects.for_article_page().filter(
        category__slug=category, slug=slug
    )[:1]
)
_kept_text = Compiled(
    lambda *, article, modified_at, stamp: (
        RenderedText.objects.filter(article=article, modified_at=modified_at, stamp=stamp)
        .only(*TEXT_FIELDS)
        .order_by()[:1]
    )
)
_related = Compiled(
    lambda automatic, *, now, article, category=None: (
        Article.objects.published(now).for_cards().related_to(article, category)
    )
)


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


def _article_text(article):
    """The article's text as rendered once and kept beside it (RenderedText) while neither
    the article nor the deployed code changed since, else rendered and kept again."""
    kept = _kept_text(article=article.pk, modified_at=article.modified_at, stamp=deployed_stamp())
    if kept:
        # The head and body are HTML our templates made; the description is text.
        text = kept[0]
        return {
            "description": text.description,
            "head": mark_safe(text.head),  # noqa: S308
            "body": mark_safe(text.body),  # noqa: S308
        }
    text = _render_article(article)
    stored = RenderedText(
        article=article, modified_at=article.modified_at, stamp=deployed_stamp(), **text
    )
    # One statement, whoever renders it at the same time (an upsert, on SQLite too). A
    # database that takes no writes just now costs the next view a render, not this page.
    try:
        with transaction.atomic():
            RenderedText.objects.bulk_create(
                [stored],
                update_conflicts=True,
                unique_fields=["article"],
                update_fields=["modified_at", "stamp", *TEXT_FIELDS],
            )
    except DatabaseError:
        logger.warning("The text of article %s was not kept", article.pk, exc_info=True)
    return text


def _render_related(article):
    """Related Coverage: the pinned articles, then, unless the article says not to, the
    latest of its category."""
    automatic = article.related_automatic
    values = {"now": timezone.now(), "article": article.pk}
    if automatic:
        values["category"] = article.category_id
    related = _related(automatic, **values)
    return render_to_string(RELATED_TEMPLATE, {"related": related})


def preview_parts(request, article):
    """Every part of a page for staff previewing an unpublished article, none cached."""
    return {
        **_render_article(article),
        "related": _render_related(article),
        "forecasts": parts.render("article.forecasts", request, article=article),
    }


def article_page(request, category_slug, slug):
    """The article at an address, published or not, and, when published, its page's parts
    and, when the page cache may keep the page, its frame (`pagecache.frames.Kept`).

    Returns (None, None, None) when there is no article at the address.
    """
    address = {"category": category_slug, "slug": slug}
    scopes = {
        name: dependencies.part_scopes(f"article.{name}", **address)
        # The discussion first: a page of it past the last redirects before anything renders.
        for name in ("record", "discussion", "text", "related", "forecasts")
    }
    version_keys = sorted({version_key(scope) for names in scopes.values() for scope in names})
    part_keys = {name: _key(name, category_slug, slug) for name in scopes}
    signed_in = request.user.is_authenticated
    if signed_in:
        del part_keys["discussion"]  # rendered for each signed-in reader, with its forms
    else:
        number = request.GET.get(parts.DISCUSSION_PAGE_PARAMETER) or "1"
        part_keys["discussion"] = _key(f"discussion-{number}", category_slug, slug)
    # The frame shows the article's title and category around the parts: what its text
    # shows too, so it is checked against the text's scopes (a comment leaves it be).
    frame_key = _key("frame", category_slug, slug) if public_request(request) else None
    found = cache.get_many([*version_keys, *part_keys.values(), *filter(None, [frame_key])])
    current = dict(zip(version_keys, current_versions(version_keys, found), strict=True))

    def version(name):
        return tuple(current[version_key(scope)] for scope in scopes[name])

    record = found.get(part_keys.pop("record"))
    if record is None or record["version"] != version("record"):
        article = next(iter(_article_at(category=category_slug, slug=slug)), None)
        if article is None:
            return None, None, None
        record = {"version": version("record"), "article": article}
        cache.set(_key("record", category_slug, slug), record, timeout=SHORT_TIMEOUT)
    article = record["article"]
    if not article.is_published():
        return article, None, None

    def slot(name):
        return lambda article: parts.render(name, request, article=article)

    # Each part: how to render it, how long to keep it.
    renderers = {
        "text": (_article_text, TIMEOUT),
        "related": (_render_related, SHORT_TIMEOUT),
        "forecasts": (slot("article.forecasts"), TIMEOUT),
        "discussion": (slot("article.discussion"), SHORT_TIMEOUT),
    }
    shown = {}
    if signed_in:
        shown["discussion"] = parts.render("article.discussion", request, article=article)
    for name, key in part_keys.items():
        render, timeout = renderers[name]
        entry = found.get(key)
        if entry is None or entry["version"] != version(name):
            entry = {"version": version(name), "content": render(article)}
            cache.set(key, entry, timeout=timeout)
        shown[name] = entry["content"]
    frame = None
    if frame_key:
        frame = Kept(frame_key, version("text"), found.get(frame_key), timeout=SHORT_TIMEOUT)
    return article, {**shown.pop("text"), **shown}, frame
