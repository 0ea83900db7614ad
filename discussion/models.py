"""Comments on articles, readers' reports on them, and bans from the discussion.

The tables were made by the accounts app, which held the discussion until it had its own
room; they keep their names (`db_table`), so the move copied no row (migration 0001).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone

from accounts.models import DELETED_USER_NAME

COMMENT_MAX_LENGTH = 1000
# The optional line above a comment: a title, or the name the reader writes under.
COMMENT_TITLE_MAX_LENGTH = 100
# Authors may fix a typo for this long; after that what readers replied to stays put.
EDIT_WINDOW = datetime.timedelta(minutes=15)
# Reports from this many established readers (see `services.reporter_is_trusted`) hide a
# comment until an editor has looked at it; other reports only put it in the queue.
REPORTS_TO_HIDE = 3
# A comment written before signing in waits this long for its author to sign in and verify
# their address: longer than allauth's confirmation links last (3 days).
PENDING_COMMENT_LIFETIME = datetime.timedelta(days=7)


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments readers can see."""
        return self.filter(status=Comment.Status.VISIBLE)

    def threads(self):
        """Top-level comments (replies hang under them)."""
        return self.filter(parent__isnull=True)

    def on_published_articles(self):
        """Comments on articles the public may see."""
        from articles.models import Article

        return self.filter(article__in=Article.objects.published())

    def for_discussion(self, article):
        """An article's threads worth showing: visible, or gone but with visible replies."""
        visible_reply = Comment.objects.filter(parent=OuterRef("pk"), status=Comment.Status.VISIBLE)
        return (
            self.filter(article=article)
            .threads()
            .filter(Q(status=Comment.Status.VISIBLE) | Exists(visible_reply))
            .order_by("-created_at", "-pk")
        )

    def newer_than(self, comment):
        """Comments after `comment` in discussion order (newest first)."""
        return self.filter(
            Q(created_at__gt=comment.created_at)
            | Q(created_at=comment.created_at, pk__gt=comment.pk)
        )

    def for_profile(self, user):
        """A reader's visible comments on published articles, newest first, with their article."""
        return (
            self.filter(author=user)
            .visible()
            .on_published_articles()
            .select_related("article__category")
            .order_by("-created_at", "-pk")
        )

    def awaiting_moderation(self):
        """Comments an editor has to look at: reported since their last review, or hidden."""
        return self.filter(Q(needs_review=True) | Q(status=Comment.Status.HIDDEN))


class Comment(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by moderation"
        REMOVED = "removed", "Removed"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="comments"
    )
    # SET_NULL: comments outlive an account an administrator deletes outright.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        help_text="The comment this one replies to; replies go one level deep.",
    )
    title = models.CharField(
        max_length=COMMENT_TITLE_MAX_LENGTH,
        blank=True,
        help_text="An optional first line: a title, or the name the reader writes under.",
    )
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    report_count = models.PositiveIntegerField(default=0, editable=False)
    needs_review = models.BooleanField(
        default=False, help_text="Reported since an editor last looked at it."
    )
    reviewed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When an editor last approved, hid or removed it. Reviewed comments "
        "are no longer hidden automatically by reports.",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        db_table = "accounts_comment"
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    GreaterThanOrEqual(Length("body"), 1),
                    LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH),
                ),
                name="comment_body_length",
            ),
            models.CheckConstraint(
                condition=Q(LessThanOrEqual(Length("title"), COMMENT_TITLE_MAX_LENGTH)),
                name="comment_title_length",
            ),
        ]
        indexes = [
            models.Index(
                fields=["article", "parent", "status", "created_at"], name="comment_thread_idx"
            ),
            models.Index(fields=["author", "status", "created_at"], name="comment_author_idx"),
            models.Index(
                fields=["created_at"],
                condition=Q(needs_review=True) | Q(status="hidden"),
                name="comment_moderation_idx",
            ),
        ]
        permissions = [("moderate_comment", "Can approve, hide and remove comments")]

    def __str__(self):
        return f"Comment {self.pk} by {self.author_name}"

    @property
    def author_name(self):
        if self.author is None:
            return DELETED_USER_NAME
        return self.author.public_name

    @property
    def author_has_profile(self):
        return self.author is not None and self.author.deleted_at is None

    def is_visible(self):
        return self.status == self.Status.VISIBLE

    def is_reply(self):
        return self.parent_id is not None

    def edit_deadline(self):
        return self.created_at + EDIT_WINDOW

    def can_be_edited_by(self, user, now=None):
        return (
            self.is_visible()
            and user.is_authenticated
            and self.author_id == user.pk
            and (now or timezone.now()) < self.edit_deadline()
        )

    def can_be_deleted_by(self, user):
        return self.status != self.Status.REMOVED and self.author_id == getattr(user, "pk", None)


class PendingCommentQuerySet(models.QuerySet):
    def waiting(self):
        """Comments not posted yet."""
        return self.filter(comment__isnull=True)


class PendingComment(models.Model):
    """A comment written before its author could post it, posted once they may.

    A reader who writes without signing in keeps the text in their session; it becomes a
    row when they sign in or sign up (`discussion.pending`), and is posted once their address
    is verified. The row then remembers the comment, so that a second sign-in or a refreshed
    page finds it posted instead of posting it again.
    """

    # The draft's own key from the session: a draft claimed twice at once makes one row.
    key = models.CharField(max_length=32, unique=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_comments"
    )
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=COMMENT_TITLE_MAX_LENGTH, blank=True)
    body = models.TextField()
    written_at = models.DateTimeField(default=timezone.now)
    comment = models.OneToOneField(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The comment it was posted as.",
    )

    objects = PendingCommentQuerySet.as_manager()

    class Meta:
        db_table = "accounts_pendingcomment"
        ordering = ["written_at", "pk"]
        indexes = [models.Index(fields=["written_at"], name="pending_comment_written_idx")]

    def __str__(self):
        return f"Pending comment by {self.author} on article {self.article_id}"


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abusive or hateful"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reports"
    )
    reason = models.CharField(max_length=10, choices=Reason, default=Reason.OTHER)
    trusted = models.BooleanField(
        default=False,
        editable=False,
        help_text="Made by an established reader; only such reports hide a comment before "
        "an editor looks.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "accounts_report"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (comment {self.comment_id})"


class Ban(models.Model):
    """A reader barred from commenting; their comments were hidden when it was made."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comment_ban",
        verbose_name="reader",
    )
    reason = models.CharField(
        max_length=300, blank=True, help_text="For other editors; the reader does not see it."
    )
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        db_table = "accounts_ban"
        ordering = ["-created_at"]
        verbose_name = "reader ban"

    def __str__(self):
        return f"Ban of {self.user}"


class ModerationQueueItem(Comment):
    """The admin's moderation queue: comments awaiting an editor."""

    class Meta:
        proxy = True
        verbose_name = "comment to moderate"
        verbose_name_plural = "moderation queue"
