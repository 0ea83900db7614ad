"""Reading an article's discussion: its pages of threads, and where one comment sits in them."""

import dataclasses
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q

from accounts.models import Comment, Report

THREADS_PER_PAGE = 50
PAGE_PARAMETER = "comments"
# Beyond any real discussion; keeps a hostile ?comments=10**12 from becoming a huge OFFSET.
LAST_PAGE = 10_000


@dataclasses.dataclass
class DiscussionPage:
    number: int
    threads: list
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def next_number(self):
        return self.number + 1

    @property
    def previous_number(self):
        return self.number - 1


def page_number(request):
    """The discussion page a request asks for (1 when absent or nonsense)."""
    raw = request.GET.get(PAGE_PARAMETER, "") if request is not None else ""
    try:
        number = int(raw)
    except ValueError:
        return 1
    return min(max(number, 1), LAST_PAGE)


def discussion_page(article, number=1, viewer=None):
    """One page of threads, newest first, with their visible replies, in one query.

    The count stays the same with 0, 50 or 500 comments. For a signed-in `viewer`, each
    comment also says whether they have reported it (`viewer_reported`).
    """
    start = (number - 1) * THREADS_PER_PAGE
    # One more than a page, to learn whether an older page exists without counting.
    thread_ids = Comment.objects.for_discussion(article).values("pk")[
        start : start + THREADS_PER_PAGE + 1
    ]
    # The article filter lets the database start from this article's comments (an index).
    rows = (
        Comment.objects.filter(article=article)
        .filter(Q(pk__in=thread_ids) | Q(parent__in=thread_ids, status=Comment.Status.VISIBLE))
        .select_related("author")
    )
    if viewer is not None and viewer.is_authenticated:
        rows = rows.annotate(
            viewer_reported=Exists(Report.objects.filter(comment=OuterRef("pk"), reporter=viewer))
        )
    threads, replies = [], defaultdict(list)
    for comment in rows.order_by("created_at", "pk"):
        if comment.parent_id is None:
            threads.append(comment)
        else:
            replies[comment.parent_id].append(comment)
    threads.reverse()
    for thread in threads:
        thread.visible_replies = replies[thread.pk]
    return DiscussionPage(
        number=number,
        threads=threads[:THREADS_PER_PAGE],
        has_next=len(threads) > THREADS_PER_PAGE,
    )


def page_of(comment):
    """The discussion page number on which a comment (or its thread) appears."""
    thread = comment.parent if comment.parent_id else comment
    newer = Comment.objects.for_discussion(comment.article_id).newer_than(thread).count()
    return newer // THREADS_PER_PAGE + 1


def page_url(article, number):
    url = article.get_absolute_url()
    return url if number == 1 else f"{url}?{PAGE_PARAMETER}={number}"


def comment_url(comment):
    """The address of a comment in its article's discussion."""
    return f"{page_url(comment.article, page_of(comment))}#comment-{comment.pk}"
