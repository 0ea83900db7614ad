"""A category's page kept as a part: the category and the HTML of one page of its cards.

The page shows the category and its articles, so it goes stale with either
(`pagecache.dependencies.PAGES`). Its part depends on the same scopes
(`pagecache.dependencies.PARTS`), so a miss of the page while neither changed — its copy
expired or was evicted, or a parameter the page ignores made another address of it —
costs no query and no card; a change to either renders the listing again from one query,
with the unchanged cards from the cache (`articles.cards`). The page around the listing is
kept as a frame (`pagecache.frames`) against the same scopes.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from articles import archive, cards
from articles.models import Article, Category
from pagecache import dependencies
from pagecache.compiled import Compiled
from pagecache.frames import Kept
from pagecache.pages import SHARED_MAX_AGE
from pagecache.versions import current_versions, version_key

# Checked against its scopes' versions; a day keeps the cache tidy.
TIMEOUT = 60 * 60 * 24
LISTING_TEMPLATE = "articles/includes/_category_listing.html"
# The frame changes only with a deploy, but its footer shows the year: kept as long as a page.
FRAME_TIMEOUT = SHARED_MAX_AGE

# The category and its first page, the page most asked for, compiled once
# (pagecache.compiled); deeper pages are built as they come (articles.archive).
_category = Compiled(lambda *, slug: Category.objects.filter(slug=slug).order_by()[:1])
_first_page = Compiled(
    lambda *, now, category: archive.newest_first(
        Article.objects.published(now).for_cards().in_category(category)
    )[: archive.PER_PAGE + 1]
)


def category_page(slug, *, before=None, after=None, framed=False):
    """The category at `slug` with one page of its articles, as a dict of `category`, the
    page's own `query` and the `listing`'s HTML, and, when `framed` (the page cache may keep
    the page), the page's frame (`pagecache.frames.Kept`). (None, None) when no category
    has that slug.

    Raises ShowInstead when `before` or `after` names no page of the category
    (`articles.archive.archive_page`).
    """
    version_keys = [version_key(s) for s in dependencies.part_scopes("category.page", slug=slug)]
    key = f"category-page:{slug}:{before or ''}:{after or ''}"
    frame_key = f"{key}:frame" if framed else None
    found = cache.get_many([*version_keys, key, *filter(None, [frame_key])])
    version = current_versions(version_keys, found)
    # The frame shows the category and the page's address: what the listing is kept against.
    frame = (
        Kept(frame_key, version, found.get(frame_key), timeout=FRAME_TIMEOUT) if framed else None
    )
    entry = found.get(key)
    if entry is not None and entry["version"] == version:
        return entry, frame
    category = next(iter(_category(slug=slug)), None)
    if category is None:
        return None, None
    if before is None and after is None:
        page = archive.first_page(_first_page(now=timezone.now(), category=category.pk))
    else:
        articles = Article.objects.published().for_cards().in_category(category)
        page = archive.archive_page(articles, before=before, after=after)
    # The first card's image is the largest above the fold: it loads at once.
    shown = cards.cards(page.articles, first_loading="eager")
    context = {"category": category, "page": page, "cards": shown}
    entry = {
        "version": version,
        "category": category,
        "query": page.query,
        "listing": render_to_string(LISTING_TEMPLATE, context),
    }
    cache.set(key, entry, timeout=TIMEOUT)
    return entry, frame
