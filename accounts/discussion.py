"""Reading an article's discussion: its pages of threads, and where one comment sits in them."""

import dataclasses

from django.db.models import Prefetch, prefetch_related_objects

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


def discussion_page(article, number=1):
    """One page of threads, newest first, each with its visible replies: two queries at most."""
    if not article.comment_count:
        # Nothing visible means no thread to show: a thread shows when it, or a reply, is.
        return DiscussionPage(number=number, threads=[], has_next=False)
    start = (number - 1) * THREADS_PER_PAGE
    threads = list(
        Comment.objects.for_discussion(article).select_related("author")[
            start : start + THREADS_PER_PAGE + 1
        ]
    )
    has_next = len(threads) > THREADS_PER_PAGE
    threads = threads[:THREADS_PER_PAGE]
    replies = Comment.objects.visible().select_related("author").order_by("created_at", "pk")
    prefetch_related_objects(
        threads, Prefetch("replies", queryset=replies, to_attr="visible_replies")
    )
    return DiscussionPage(number=number, threads=threads, has_next=has_next)


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


def reported_by(user, comments):
    """The ids among `comments` (and their replies) that `user` has reported."""
    ids = []
    for thread in comments:
        ids.append(thread.pk)
        ids.extend(reply.pk for reply in getattr(thread, "visible_replies", []))
    if not ids:
        return set()
    return set(
        Report.objects.filter(reporter=user, comment_id__in=ids).values_list(
            "comment_id", flat=True
        )
    )
