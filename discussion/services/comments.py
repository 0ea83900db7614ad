"""A reader's own comments: posting (at once, or kept until they may post), editing and
deleting; and what every change to a discussion does besides (the article's count of visible
comments, and the cached pages that show them)."""

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from articles.models import Article
from discussion.models import PENDING_COMMENT_LIFETIME, Comment, PendingComment
from discussion.services.rules import CommentRefused, check_body, check_can_comment, check_can_edit
from pagecache import dependencies
from pagecache.versions import invalidate


def _adjust_counts(deltas: Counter) -> None:
    for article_id, delta in deltas.items():
        if delta:
            # Greatest: a count that drifted (say, a hand-edited row) never goes negative.
            Article.objects.filter(pk=article_id).update(
                comment_count=Greatest(F("comment_count") + delta, 0)
            )


def refresh_pages_on_commit(comments: Iterable[Comment]) -> None:
    """After commit, make stale the discussions showing these comments and their authors'
    profiles."""
    comments = list(comments)
    article_ids = {comment.article_id for comment in comments}
    author_ids = {comment.author_id for comment in comments if comment.author_id}
    addresses = Article.objects.filter(pk__in=article_ids).values_list("category__slug", "slug")
    scopes = [dependencies.discussion(*address) for address in addresses]
    scopes += [dependencies.reader(author_id) for author_id in author_ids]
    transaction.on_commit(lambda: invalidate(*scopes))


def set_status(comments: list[Comment], status: str, *, reviewed: bool, now=None) -> None:
    """Move locked comments to `status`, keeping article counts and cached pages in step."""
    now = now or timezone.now()
    deltas = Counter()
    for comment in comments:
        was_visible = comment.is_visible()
        comment.status = status
        fields = ["status"]
        if reviewed:
            comment.needs_review, comment.reviewed_at = False, now
            fields += ["needs_review", "reviewed_at"]
        comment.save(update_fields=fields)
        deltas[comment.article_id] += comment.is_visible() - was_visible
    _adjust_counts(deltas)
    refresh_pages_on_commit(comments)


def locked_comment(comment: Comment) -> Comment:
    """Read the comment again, locked until the transaction ends."""
    return Comment.objects.select_for_update().get(pk=comment.pk)


@transaction.atomic
def comment_create(
    *, article: Article, author: User, body: str, title: str = "", parent: Comment | None = None
) -> Comment:
    """Post a comment or a reply, and count it on the article."""
    check_can_comment(user=author, article=article, parent=parent)
    check_body(body, title)
    comment = Comment.objects.create(
        article=article, author=author, parent=parent, title=title, body=body
    )
    _adjust_counts(Counter({article.pk: 1}))
    refresh_pages_on_commit([comment])
    return comment


def pending_comment_keep(
    *, key: str, author: User, article: Article, title: str, body: str, written_at=None
) -> PendingComment:
    """Keep a comment its author cannot post yet; the same draft (`key`) is kept once."""
    pending, _ = PendingComment.objects.get_or_create(
        key=key,
        defaults={
            "author": author,
            "article": article,
            "title": title,
            "body": body,
            "written_at": written_at or timezone.now(),
        },
    )
    return pending


def pending_comments_post(*, author: User) -> list[Comment]:
    """Post the author's waiting comments that they may post now, each once.

    One that may not be posted yet (an unverified address, closed comments, a ban) keeps
    waiting, and goes when it is purged.
    """
    waiting = PendingComment.objects.waiting().filter(author=author).values_list("pk", flat=True)
    posted = (_pending_comment_post(pk=pk, author=author) for pk in list(waiting))
    return [comment for comment in posted if comment is not None]


@transaction.atomic
def _pending_comment_post(*, pk: int, author: User) -> Comment | None:
    # Locked, and checked again: two sign-ins at once post it once.
    pending = (
        PendingComment.objects.select_for_update()
        .waiting()
        .select_related("article")
        .filter(pk=pk)
        .first()
    )
    if pending is None:
        return None
    try:
        comment = comment_create(
            article=pending.article, author=author, title=pending.title, body=pending.body
        )
    except CommentRefused:
        return None
    pending.comment = comment
    pending.save(update_fields=["comment"])
    return comment


def pending_comments_purge(*, now=None) -> int:
    """Delete pending comments older than PENDING_COMMENT_LIFETIME, posted or not."""
    cutoff = (now or timezone.now()) - PENDING_COMMENT_LIFETIME
    deleted, _ = PendingComment.objects.filter(written_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def comment_edit(
    *, comment: Comment, user: User, body: str, title: str | None = None, now=None
) -> Comment:
    """Change the text (and title) of one's own comment within the edit window, marking it
    edited; a `title` of None keeps the one it has."""
    now = now or timezone.now()
    comment = locked_comment(comment)
    check_can_edit(user=user, comment=comment, now=now)
    title = comment.title if title is None else title
    if (title, body) != (comment.title, comment.body):
        check_body(body, title)
        comment.title, comment.body = title, body
        comment.edited_at = now
        comment.save(update_fields=["title", "body", "edited_at"])
        refresh_pages_on_commit([comment])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> Comment:
    """Remove one's own comment; it shows as “[comment removed]” while replies keep their place."""
    comment = locked_comment(comment)
    if comment.author_id != user.pk:
        raise CommentRefused("You can only delete your own comments.", code="not_author")
    set_status([comment], Comment.Status.REMOVED, reviewed=False)
    return comment
