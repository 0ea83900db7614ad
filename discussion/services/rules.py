"""Who may do what in a discussion: the rules every write checks first."""

import dataclasses
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import User
from articles.models import Article
from discussion.models import (
    COMMENT_MAX_LENGTH,
    COMMENT_TITLE_MAX_LENGTH,
    EDIT_WINDOW,
    Ban,
    Comment,
)
from pagecache.compiled import Compiled


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


# Every write and every signed-in reader's discussion asks; compiled once (pagecache.compiled).
_standing = Compiled(
    lambda *, user: (
        User.objects.filter(pk=user)
        .only("pk")
        .annotate(
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            banned=Exists(Ban.objects.filter(user=OuterRef("pk"))),
        )
    )
)


def reader_standing(*, user: User) -> Standing:
    """Look up, in one query, whether a reader has a verified email and whether they are banned."""
    (row,) = _standing(user=user.pk)
    return Standing(verified=row.verified, banned=row.banned)


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


def check_body(body: str, title: str = "") -> None:
    """Raise CommentRefused unless the text and title have lengths a comment may have."""
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
