"""Rendered parts of the article page, cached under keys made of what they show.

Every cached page goes stale when any article changes, so the page cache alone would
render the whole site again after each edit. These parts are keyed by their own content
instead, and a page-cache miss re-renders only the parts that changed:

- the article's head tags and body, by its `modified_at` (which changes to its inlines,
  authors and category move too, see `articles.signals`);
- Related Coverage, by the version of its category's list of articles, which every change
  to an article in the category bumps (see `articles.signals`), and the go-live of a
  scheduled one (`articles.tasks`);
- the “Our forecast” box, by the version of the newsroom's forecasts;
- the Discussion as anonymous readers see it, by the article and the version of its
  page, which every comment change bumps; for a few minutes only, as it shows how long
  ago each comment was posted. Signed-in readers get theirs rendered, with its forms.

The article itself, as far as its page shows it, is kept too, under its address, and
dropped when it changes (see `articles.signals`), so a page whose parts are unchanged needs
no query at all. All of it comes back in two round trips to the cache.
"""

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
from veridact.caching import SHARED_MAX_AGE, version_key

# Parts keyed by their content stay valid until evicted; a day keeps the cache tidy.
TIMEOUT = 60 * 60 * 24
# Parts that time changes too are kept no longer than a cached page is: the discussion
# says “3 minutes ago”, and related coverage gains scheduled articles as they go live.
SHORT_TIMEOUT = SHARED_MAX_AGE
# The page's meta description: the summary's first words.
DESCRIPTION_WORDS = 40
FORECASTS_TEMPLATE = "predictions/includes/_article_forecasts.html"
RELATED_TEMPLATE = "articles/includes/_related.html"


def category_scope(category_id):
    """Names the cached lists of a category's latest articles, a scope of `invalidate`."""
    return f"category-articles:{category_id}"


def _record_key(category_slug, slug):
    return f"article-record:{category_slug}:{slug}"


def forget_articles(addresses):
    """Drop the kept records of the articles at these (category slug, slug) addresses."""
    cache.delete_many([_record_key(*address) for address in addresses])


def article_at(category_slug, slug):
    """The article at an address, published or not, as its page needs it; None if none.

    Also returns the versions of the article's page and of the newsroom's forecasts. The
    record is kept with the version of the page, so a new comment (which bumps it and
    changes `comment_count`) makes it stale too.
    """
    path = reverse("articles:detail", args=[category_slug, slug])
    key = _record_key(category_slug, slug)
    found = cache.get_many([key, version_key(path), version_key(NEWSROOM_FORECASTS)])
    versions = {
        "page": found.get(version_key(path), 1),
        "forecasts": found.get(version_key(NEWSROOM_FORECASTS), 1),
    }
    record = found.get(key)
    if record is None or record["page_version"] != versions["page"]:
        article = (
            Article.objects.for_article_page()
            .filter(category__slug=category_slug, slug=slug)
            .first()
        )
        if article is None:
            return None, versions
        record = {"article": article, "page_version": versions["page"]}
        cache.set(key, record, timeout=SHORT_TIMEOUT)
    return record["article"], versions


def _article_key(article):
    return f"article-fragments:{article.pk}:{article.modified_at.timestamp()}"


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


def article_fragments(article):
    """The article's head tags and body, rendered once per version of its content."""
    key = _article_key(article)
    fragments = cache.get(key)
    if fragments is None:
        fragments = _render_article(article)
        cache.set(key, fragments, timeout=TIMEOUT)
    return fragments


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


def page_parts(request, article, versions):
    """The parts of a published article's page, from the cache where they are unchanged.

    `versions` are those `article_at` returned with the article.
    """
    keys = {
        "article": _article_key(article),
        # Stored with the version of the category's list, which comes in the same trip.
        "related": f"article-related:{article.pk}",
        "forecasts": f"article-forecasts:{article.pk}:{versions['forecasts']}",
    }
    if not request.user.is_authenticated:
        page = discussion.page_number(request)
        # The article's own version too: it says whether comments are closed.
        version = f"{article.modified_at.timestamp()}:{versions['page']}"
        keys["discussion"] = f"article-discussion:{article.pk}:{page}:{version}"
    category_key = version_key(category_scope(article.category_id))
    found = cache.get_many([*keys.values(), category_key])
    category_version = found.get(category_key, 1)
    related = found.get(keys["related"])
    if related is not None and related["version"] != category_version:
        found.pop(keys["related"])
    renderers = {
        "article": _render_article,
        "related": lambda article: {
            "version": category_version,
            "html": _render_related(article),
        },
        "forecasts": _render_forecasts,
        "discussion": lambda article: discussion.render_section(request, article),
    }
    parts = {}
    for name, key in keys.items():
        part = found.get(key)
        if part is None:
            part = renderers[name](article)
            timeout = SHORT_TIMEOUT if name in {"related", "discussion"} else TIMEOUT
            cache.set(key, part, timeout=timeout)
        parts[name] = part
    parts["related"] = parts["related"]["html"]
    return {**parts.pop("article"), **parts}
