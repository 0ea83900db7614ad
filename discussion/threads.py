"""Reading an article's discussion: its pages of threads, and where one comment sits in them."""

import dataclasses
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles import parts
from discussion.forms import CommentForm
from discussion.models import COMMENT_MAX_LENGTH, COMMENT_TITLE_MAX_LENGTH, Comment, Report
from discussion.services import reader_standing
from pagecache.compiled import Compiled
from pagecache.params import ShowInstead, existing_page

THREADS_PER_PAGE = 50
PAGE_PARAMETER = parts.DISCUSSION_PAGE_PARAMETER
COMMENTS_PER_PROFILE_PAGE = 20
# Beyond any real discussion; keeps a hostile ?comments=10**12 from becoming a huge OFFSET.
LAST_PAGE = 10_000
SECTION_TEMPLATE = "discussion/includes/_discussion.html"


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


def last_page(article):
    """The last discussion page that can show a thread, from the article's comment count.

    Every thread shown is a counted comment or holds one (a removed thread shows for its
    visible replies), so pages past this one are empty; pages up to it may be too.
    """
    return max(1, -(-article.comment_count // THREADS_PER_PAGE))


def page_number(request):
    """The discussion page a request asks for (1 when absent or nonsense)."""
    raw = request.GET.get(PAGE_PARAMETER, "") if request is not None else ""
    try:
        number = int(raw)
    except ValueError:
        return 1
    return min(max(number, 1), LAST_PAGE)


def _ordered(comments, viewer):
    """Comments with their authors, oldest first; for a `viewer` (an id), whether they
    reported each."""
    comments = comments.select_related("author")
    if viewer is not None:
        reported = Report.objects.filter(comment=OuterRef("pk"), reporter=viewer)
        comments = comments.annotate(viewer_reported=Exists(reported))
    return comments.order_by("created_at", "pk")


# An article's every comment, compiled once (pagecache.compiled): what the first page of
# most discussions reads.
_every_comment = Compiled(
    lambda signed_in, *, article, viewer=None: _ordered(
        Comment.objects.filter(article=article), viewer
    )
)


def discussion_page(article, number=1, viewer=None):
    """One page of threads, newest first, with their visible replies, in one query.

    The count stays the same with 0, 50 or 500 comments. For a signed-in `viewer`, each
    comment also says whether they have reported it (`viewer_reported`).
    """
    viewer = viewer.pk if viewer is not None and viewer.is_authenticated else None
    if number == 1 and article.comment_count <= THREADS_PER_PAGE:
        # Every thread there is fits on the first page (see last_page): the article's
        # comments as they are, sorted out below, cost less to ask for than the page's.
        values = {"article": article.pk} | ({} if viewer is None else {"viewer": viewer})
        rows = _every_comment(viewer is not None, **values)
    else:
        start = (number - 1) * THREADS_PER_PAGE
        # One more than a page, to learn whether an older page exists without counting.
        thread_ids = Comment.objects.for_discussion(article).values("pk")[
            start : start + THREADS_PER_PAGE + 1
        ]
        # The article filter lets the database start from this article's comments (an index).
        rows = _ordered(
            Comment.objects.filter(article=article).filter(
                Q(pk__in=thread_ids) | Q(parent__in=thread_ids, status=Comment.Status.VISIBLE)
            ),
            viewer,
        )
    threads, replies = [], defaultdict(list)
    for comment in rows:
        if comment.parent_id is None:
            threads.append(comment)
        elif comment.status == Comment.Status.VISIBLE:
            replies[comment.parent_id].append(comment)
    threads.reverse()
    for thread in threads:
        thread.visible_replies = replies[thread.pk]
    # As Comment.objects.for_discussion() chooses them: visible, or gone with visible replies.
    threads = [
        thread
        for thread in threads
        if thread.status == Comment.Status.VISIBLE or thread.visible_replies
    ]
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


def comment_url(comment, page=None):
    """The address of a comment in its article's discussion, on `page` if known."""
    return f"{page_url(comment.article, page or page_of(comment))}#comment-{comment.pk}"


def section_context(request, article):
    """What the Discussion section shows `request`'s reader: one query, two when signed in."""
    user = getattr(request, "user", None)
    page = discussion_page(article, page_number(request), viewer=user)
    section = {
        "article": article,
        "page": page,
        "request": request,
        "max_length": COMMENT_MAX_LENGTH,
        "title_max_length": COMMENT_TITLE_MAX_LENGTH,
        # Every reader sees the form; anonymous readers' goes on to sign in (views.comment_draft).
        "form": CommentForm(),
        "previous_url": page_url(article, page.previous_number) if page.has_previous else "",
        "next_url": page_url(article, page.next_number) if page.has_next else "",
        "this_page_url": page_url(article, page.number),
    }
    # Reversed once, then extended per comment: a hundred comments with four links each
    # made reverse() a sixth of the rendering time.
    profiles = reverse("accounts:profile", args=[0]).removesuffix("0/")
    for thread in page.threads:
        for comment in [thread, *thread.visible_replies]:
            _stamp(comment)
            comment.author_url = (
                f"{profiles}{comment.author_id}/" if comment.author_has_profile else ""
            )
    if user is None or not user.is_authenticated:
        return section
    # Only signed-in readers' pages, which are never cached, carry a form and a CSRF token.
    now = timezone.now()
    standing = reader_standing(user=user)
    # As services.check_can_edit decides, without a query per comment.
    may_edit = standing.verified and not standing.banned
    comments = reverse("discussion:comment_post", args=[article.pk])
    for thread in page.threads:
        for comment in [thread, *thread.visible_replies]:
            comment.viewer_can_edit = may_edit and comment.can_be_edited_by(user, now=now)
            comment.viewer_is_author = comment.author_id == user.pk
            comment.action_url = f"{comments}{comment.pk}/"  # + edit/, delete/, report/, reply/
    section.update(user=user, standing=standing)
    return section


def _stamp(comment):
    # Formatted here in Python: Django's date filter, run twice for each of a hundred
    # comments, was a quarter of the section's rendering time.
    local = timezone.localtime(comment.created_at)
    comment.time_iso = local.isoformat()
    comment.time_exact = f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"
    edited = comment.edited_at and timezone.localtime(comment.edited_at)
    comment.time_edited = f"{edited.day} {edited:%B %Y, %H:%M} {edited.tzname()}" if edited else ""


def render_section(request, article):
    """The Discussion section as HTML, as the `discussion_section` template tag shows it."""
    context = section_context(request, article)
    # A signed-in reader's forms need the request's CSRF token; an anonymous reader's section,
    # which is cached, must not depend on the request: its form carries no token.
    signed_in = request is not None and request.user.is_authenticated
    return render_to_string(SECTION_TEMPLATE, context, request=request if signed_in else None)


def article_part(request, *, article):
    """The article page's discussion (articles.parts): the page of threads the request asks
    for, with forms for a signed-in reader; past the last page, the last (ShowInstead)."""
    last = last_page(article)
    if page_number(request) > last:
        # Not rendered, and not stored: ?comments= takes only the pages there can be.
        number = str(last) if last > 1 else None
        raise ShowInstead(fragment="discussion", **{PAGE_PARAMETER: number})
    return render_section(request, article)


def profile_part(request, *, reader):
    """A reader's comments on their public profile (articles.parts), the page ?page= asks for."""
    comments = Paginator(Comment.objects.for_profile(reader), COMMENTS_PER_PROFILE_PAGE)
    page = existing_page(comments, request.GET.get("page"))
    return render_to_string(
        "discussion/includes/_profile_comments.html", {"reader": reader, "page": page}
    )
