"""Reports, the moderation queue and bans; and what a reader's renamed or deleted account
means for the discussions they took part in."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from discussion.models import REPORTS_TO_HIDE, Ban, Comment, Report
from discussion.services.comments import locked_comment, refresh_pages_on_commit, set_status
from discussion.services.rules import CommentRefused, check_can_report, reporter_is_trusted


@transaction.atomic
def comment_report(
    *, comment: Comment, reporter: User, reason: str = Report.Reason.OTHER, now=None
) -> bool:
    """Record a reader's report once and queue the comment for an editor. True if new.

    The REPORTS_TO_HIDE-th report from established readers (`reporter_is_trusted`) also hides
    a comment no editor has reviewed yet.
    """
    check_can_report(user=reporter, comment=comment)
    comment = locked_comment(comment)
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
        set_status([comment], Comment.Status.HIDDEN, reviewed=False)
    return True


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
    set_status(shown, Comment.Status.VISIBLE, reviewed=True)
    return len(locked)


@transaction.atomic
def comments_hide(*, comments: Iterable[Comment]) -> int:
    """Hide comments from readers until an editor approves them."""
    locked = [c for c in _locked_all(comments) if c.status != Comment.Status.REMOVED]
    set_status(locked, Comment.Status.HIDDEN, reviewed=True)
    return len(locked)


@transaction.atomic
def comments_remove(*, comments: Iterable[Comment]) -> int:
    """Remove comments for good; they show as “[comment removed]” where they have replies."""
    locked = _locked_all(comments)
    set_status(locked, Comment.Status.REMOVED, reviewed=True)
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
    set_status(list(visible), Comment.Status.HIDDEN, reviewed=True)
    return ban


@transaction.atomic
def reader_unban(*, user: User) -> None:
    """Let a reader comment again; their hidden comments wait in the queue for approval."""
    Ban.objects.filter(user=user).delete()


def reader_renamed(*, user: User) -> None:
    """Make stale, after commit, the discussions that show a reader's name (they renamed)."""
    refresh_pages_on_commit(Comment.objects.filter(author=user).only("article", "author"))


def reader_data_delete(*, user: User) -> None:
    """Delete a reader's reports, as their account goes; their comments stay, unsigned."""
    Report.objects.filter(reporter=user).delete()
    refresh_pages_on_commit(Comment.objects.filter(author=user).only("article", "author"))
