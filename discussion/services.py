"""Writes to the discussion: comments, reports, moderation and bans, called alike by views,
the admin and the demo.

Every change to what a discussion shows keeps `Article.comment_count` (the number of
visible comments) in step in the same transaction, and makes the cached article page and
the author's profile stale once the transaction commits.
"""

import dataclasses
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from articles.models import Article
from discussion.models import (
    COMMENT_MAX_LENGTH,
    COMMENT_TITLE_MAX_LENGTH,
    EDIT_WINDOW,
    PENDING_COMMENT_LIFETIME,
    REPORTS_TO_HIDE,
    Ban,
    Comment,
    PendingComment,
    Report,
)
from pagecache import dependencies
from pagecache.versions import invalidate


class CommentRefused(Exception):
    """A comment action the rules do not allow; `message` is for the reader."""

    def __init__(self, message, *, code, status=403):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


@dataclasses.dataclass(frozen=True)
class Standing:
    """What a signed-in reader may do in discussions."""

    verified: bool
    banned: bool


def reader_standing(*, user: User) -> Standing:
    """Look up, in one query, whether a reader has a verified email and whether they are banned."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            banned=Exists(Ban.objects.filter(user=OuterRef("pk"))),
        )
        .values("verified", "banned")
        .get()
    )
    return Standing(**row)


def reporter_is_trusted(*, user: User, now=None) -> bool:
    """Whether a reader's reports may hide a comment before an editor looks, in one query.

    Established readers only: a verified address, an account TRUSTED_REPORTER_DAYS old,
    TRUSTED_REPORTER_COMMENTS comments still shown, no ban. Accounts made to gang up on a
    comment have none of these, so their reports put it in the moderation queue and no more.
    """
    now = now or timezone.now()
    established = (
        User.objects.filter(
            pk=user.pk,
            is_active=True,
            date_joined__lte=now - timedelta(days=settings.TRUSTED_REPORTER_DAYS),
        )
        .filter(Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)))
        .exclude(Exists(Ban.objects.filter(user=OuterRef("pk"))))
        .annotate(shown=Count("comments", filter=Q(comments__status=Comment.Status.VISIBLE)))
        .filter(shown__gte=settings.TRUSTED_REPORTER_COMMENTS)
    )
    return established.exists()


def check_can_report(*, user: User, comment: Comment) -> None:
    """Raise CommentRefused unless the reader may report this comment."""
    if comment.author_id == user.pk:
        raise CommentRefused("You can't report your own comment.", code="own_comment")
    standing = reader_standing(user=user)
    if standing.banned:
        raise CommentRefused("Your account can no longer take part in discussions.", code="banned")
    if not standing.verified:
        raise CommentRefused(
            "Please verify your email address before reporting comments.", code="unverified"
        )


def check_can_comment(*, user: User, article: Article, parent: Comment | None = None) -> None:
    """Raise CommentRefused unless the reader may post this comment or reply."""
    if not article.is_published():
        raise CommentRefused("That article is not published.", code="unpublished", status=404)
    standing = reader_standing(user=user)
    if standing.banned:
        raise CommentRefused("Your account can no longer take part in discussions.", code="banned")
    if not standing.verified:
        raise CommentRefused(
            "Please verify your email address before joining the discussion.", code="unverified"
        )
    if article.comments_closed:
        raise CommentRefused("Comments are closed on this article.", code="closed")
    if parent is not None:
        if parent.article_id != article.pk:
            raise CommentRefused(
                "That comment is not on this article.", code="elsewhere", status=404
            )
        if parent.parent_id is not None:
            raise CommentRefused(
                "You can reply to a comment, but not to a reply. Reply to the comment at "
                "the top of the thread instead.",
                code="nested",
                status=400,
            )
        if not parent.is_visible():
            raise CommentRefused(
                "That comment is no longer shown, so it can't take replies.",
                code="parent_gone",
                status=400,
            )


def check_can_edit(*, user: User, comment: Comment, now=None) -> None:
    """Raise CommentRefused unless the reader may change this comment's text now.

    Only its author, within the edit window, while they may still take part: an editor may
    show a banned reader's comment again, and its text stays the one they approved.
    """
    if comment.author_id != user.pk:
        raise CommentRefused("You can only edit your own comments.", code="not_author")
    standing = reader_standing(user=user)
    if standing.banned:
        raise CommentRefused("Your account can no longer take part in discussions.", code="banned")
    if not standing.verified:
        raise CommentRefused(
            "Please verify your email address before editing your comment.", code="unverified"
        )
    if not comment.can_be_edited_by(user, now=now):
        minutes = int(EDIT_WINDOW.total_seconds() // 60)
        raise CommentRefused(
            f"Comments can be edited for {minutes} minutes after posting; this one can't be "
            "changed any more.",
            code="too_late",
        )


def _check_body(body: str, title: str = "") -> None:
    # Forms give readers the friendly version of this; it guards every other caller.
    if not body.strip() or len(body) > COMMENT_MAX_LENGTH:
        raise CommentRefused(
            f"A comment has 1 to {COMMENT_MAX_LENGTH:,} characters.", code="length", status=400
        )
    if len(title) > COMMENT_TITLE_MAX_LENGTH:
        raise CommentRefused(
            f"A comment's title has at most {COMMENT_TITLE_MAX_LENGTH} characters.",
            code="length",
            status=400,
        )


def _adjust_counts(deltas: Counter) -> None:
    for article_id, delta in deltas.items():
        if delta:
            # Greatest: a count that drifted (say, a hand-edited row) never goes negative.
            Article.objects.filter(pk=article_id).update(
                comment_count=Greatest(F("comment_count") + delta, 0)
            )


def _refresh_pages_on_commit(comments: Iterable[Comment]) -> None:
    """After commit, make stale the discussions showing these comments and their authors'
    profiles."""
    comments = list(comments)
    article_ids = {comment.article_id for comment in comments}
    author_ids = {comment.author_id for comment in comments if comment.author_id}
    addresses = Article.objects.filter(pk__in=article_ids).values_list("category__slug", "slug")
    scopes = [dependencies.discussion(*address) for address in addresses]
    scopes += [dependencies.reader(author_id) for author_id in author_ids]
    transaction.on_commit(lambda: invalidate(*scopes))


@transaction.atomic
def comment_create(
    *, article: Article, author: User, body: str, title: str = "", parent: Comment | None = None
) -> Comment:
    """Post a comment or a reply, and count it on the article."""
    check_can_comment(user=author, article=article, parent=parent)
    _check_body(body, title)
    comment = Comment.objects.create(
        article=article, author=author, parent=parent, title=title, body=body
    )
    _adjust_counts(Counter({article.pk: 1}))
    _refresh_pages_on_commit([comment])
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


def _locked(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().get(pk=comment.pk)


@transaction.atomic
def comment_edit(
    *, comment: Comment, user: User, body: str, title: str | None = None, now=None
) -> Comment:
    """Change the text (and title) of one's own comment within the edit window, marking it
    edited; a `title` of None keeps the one it has."""
    now = now or timezone.now()
    comment = _locked(comment)
    check_can_edit(user=user, comment=comment, now=now)
    title = comment.title if title is None else title
    if (title, body) != (comment.title, comment.body):
        _check_body(body, title)
        comment.title, comment.body = title, body
        comment.edited_at = now
        comment.save(update_fields=["title", "body", "edited_at"])
        _refresh_pages_on_commit([comment])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> Comment:
    """Remove one's own comment; it shows as “[comment removed]” while replies keep their place."""
    comment = _locked(comment)
    if comment.author_id != user.pk:
        raise CommentRefused("You can only delete your own comments.", code="not_author")
    _set_status([comment], Comment.Status.REMOVED, reviewed=False)
    return comment


@transaction.atomic
def comment_report(
    *, comment: Comment, reporter: User, reason: str = Report.Reason.OTHER, now=None
) -> bool:
    """Record a reader's report once and queue the comment for an editor. True if new.

    The REPORTS_TO_HIDE-th report from established readers (`reporter_is_trusted`) also hides
    a comment no editor has reviewed yet.
    """
    check_can_report(user=reporter, comment=comment)
    comment = _locked(comment)
    if not comment.is_visible():
        raise CommentRefused("That comment is no longer shown.", code="gone", status=404)
    trusted = reporter_is_trusted(user=reporter, now=now)
    try:
        with transaction.atomic():
            Report.objects.create(
                comment=comment, reporter=reporter, reason=reason, trusted=trusted
            )
    except IntegrityError:  # this reader reported it before
        return False
    Comment.objects.filter(pk=comment.pk).update(
        report_count=F("report_count") + 1, needs_review=True
    )
    comment.refresh_from_db(fields=["report_count", "needs_review"])
    if (
        trusted
        and comment.reviewed_at is None
        and comment.reports.filter(trusted=True).count() >= REPORTS_TO_HIDE
    ):
        _set_status([comment], Comment.Status.HIDDEN, reviewed=False)
    return True


def _set_status(comments: list[Comment], status: str, *, reviewed: bool, now=None) -> None:
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
    _refresh_pages_on_commit(comments)


def _locked_all(comments: Iterable[Comment]) -> list[Comment]:
    ids = [comment.pk for comment in comments]
    return list(Comment.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


@transaction.atomic
def comments_approve(*, comments: Iterable[Comment]) -> int:
    """Show hidden comments again and clear their reports' flag; removed ones stay removed."""
    locked = _locked_all(comments)
    for comment in locked:
        if comment.status == Comment.Status.REMOVED:
            comment.needs_review, comment.reviewed_at = False, timezone.now()
            comment.save(update_fields=["needs_review", "reviewed_at"])
    shown = [comment for comment in locked if comment.status != Comment.Status.REMOVED]
    _set_status(shown, Comment.Status.VISIBLE, reviewed=True)
    return len(locked)


@transaction.atomic
def comments_hide(*, comments: Iterable[Comment]) -> int:
    """Hide comments from readers until an editor approves them."""
    locked = [c for c in _locked_all(comments) if c.status != Comment.Status.REMOVED]
    _set_status(locked, Comment.Status.HIDDEN, reviewed=True)
    return len(locked)


@transaction.atomic
def comments_remove(*, comments: Iterable[Comment]) -> int:
    """Remove comments for good; they show as “[comment removed]” where they have replies."""
    locked = _locked_all(comments)
    _set_status(locked, Comment.Status.REMOVED, reviewed=True)
    return len(locked)


@transaction.atomic
def reader_ban(*, user: User, by: User | None = None, reason: str = "") -> Ban:
    """Bar a reader from commenting and hide their visible comments."""
    ban, created = Ban.objects.get_or_create(
        user=user, defaults={"banned_by": by, "reason": reason}
    )
    if not created and reason and ban.reason != reason:
        ban.reason = reason
        ban.save(update_fields=["reason"])
    visible = Comment.objects.filter(author=user).visible().select_for_update()
    _set_status(list(visible), Comment.Status.HIDDEN, reviewed=True)
    return ban


@transaction.atomic
def reader_unban(*, user: User) -> None:
    """Let a reader comment again; their hidden comments wait in the queue for approval."""
    Ban.objects.filter(user=user).delete()


def reader_renamed(*, user: User) -> None:
    """Make stale, after commit, the discussions that show a reader's name (they renamed)."""
    _refresh_pages_on_commit(Comment.objects.filter(author=user).only("article", "author"))


def reader_data_delete(*, user: User) -> None:
    """Delete a reader's reports, as their account goes; their comments stay, unsigned."""
    Report.objects.filter(reporter=user).delete()
    _refresh_pages_on_commit(Comment.objects.filter(author=user).only("article", "author"))
