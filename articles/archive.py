"""Pages of a list of articles, newest first, asked for by the article next to them.

`?before=<id>` is the page of articles published just before that article, `?after=<id>`
the page of those published just after it. However deep a page is, it costs what the
first one does: no count of the list and no OFFSET, one read of an index from where the
page starts. An id that names no article of the list sends readers to the first page.
"""

from dataclasses import dataclass

from django.db.models import Q, Subquery

from pagecache.params import ShowInstead

PER_PAGE = 12
# Ids are PostgreSQL bigints; a longer number names nothing and must not reach a query.
_MAX_ID = 2**63 - 1


def article_id(raw):
    """A `before` or `after` parameter: an article's id, else no value (the first page)."""
    try:
        number = int(raw)
    except ValueError:  # also a number too long to convert
        return None
    return str(number) if 0 < number <= _MAX_ID else None


@dataclass(frozen=True)
class ArchivePage:
    articles: list
    # The ids to ask for the neighbouring pages with (`?after=`, `?before=`), if any.
    newer: int | None
    older: int | None
    # The page's own parameter, for its canonical address ("" on the first page).
    query: str = ""


def _beyond(articles, pk, *, older):
    """The articles of `articles` published before (after) the one with id `pk`, nearest
    first; none when `pk` is not one of them."""
    at = Subquery(articles.filter(pk=pk).values("published_at")[:1])
    if older:
        # The first condition alone is what an index on publication time can seek to.
        return (
            articles.filter(published_at__lte=at)
            .filter(Q(published_at__lt=at) | Q(pk__lt=pk))
            .order_by("-published_at", "-pk")
        )
    return (
        articles.filter(published_at__gte=at)
        .filter(Q(published_at__gt=at) | Q(pk__gt=pk))
        .order_by("published_at", "pk")
    )


def newest_first(articles):
    """The order of the first page, whose `[:per_page + 1]` `first_page` takes."""
    return articles.order_by("-published_at", "-pk")


def first_page(rows, *, per_page=PER_PAGE):
    """The first page, from the `per_page + 1` newest rows (the one more says whether an
    older page exists)."""
    shown = rows[:per_page]
    return ArchivePage(shown, newer=None, older=shown[-1].pk if len(rows) > per_page else None)


def archive_page(articles, *, before=None, after=None, per_page=PER_PAGE):
    """The page of published `articles` before or after an article (the first page when
    neither is given), in one query; ShowInstead when the article names no page here."""
    if before is not None and after is not None:
        raise ShowInstead(after=None)
    if after is not None:
        rows = list(_beyond(articles, int(after), older=False)[: per_page + 1])
        if len(rows) <= per_page:  # nothing newer than a page: that is the first page
            raise ShowInstead(after=None)
        shown = rows[:per_page][::-1]
        return ArchivePage(shown, newer=shown[0].pk, older=shown[-1].pk, query=f"?after={after}")
    if before is None:
        return first_page(list(newest_first(articles)[: per_page + 1]), per_page=per_page)
    rows = list(_beyond(articles, int(before), older=True)[: per_page + 1])
    if not rows:
        raise ShowInstead(before=None)
    shown = rows[:per_page]
    return ArchivePage(
        shown,
        newer=shown[0].pk,
        older=shown[-1].pk if len(rows) > per_page else None,
        query=f"?before={before}",
    )
