"""Comments, reports, bans and pending comments move from accounts to discussion with their
rows and permissions.

The database is taken back to before the move (accounts 0005, no discussion app), filled with
the models of that time, and migrated forward again: the discussion app's models find the
same rows, and what was granted on the old models is granted on the new ones.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from discussion.models import Ban, Comment, ModerationQueueItem, PendingComment, Report

COMMENT_FIELDS = (
    *("pk", "article_id", "author_id", "parent_id"),
    *("title", "body", "status", "created_at"),
)
PENDING_FIELDS = ("pk", "key", "author_id", "article_id", "body", "comment_id")
BEFORE_THE_MOVE = [("accounts", "0005_comment_title_pending_comments"), ("discussion", None)]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets=None):
    """Migrate to `targets` (every app's latest when None); return the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    executor.loader.build_graph()  # read again which migrations are applied
    applied = list(executor.loader.applied_migrations)
    return executor.loader.project_state(applied).apps


def fill(old):
    """Comments, a reply, reports and bans as the accounts app made them; their values."""
    User = old.get_model("accounts", "User")
    Category = old.get_model("articles", "Category")
    Article = old.get_model("articles", "Article")
    Comment = old.get_model("accounts", "Comment")
    Report = old.get_model("accounts", "Report")
    Ban = old.get_model("accounts", "Ban")
    PendingComment = old.get_model("accounts", "PendingComment")
    Permission = old.get_model("auth", "Permission")
    OldGroup = old.get_model("auth", "Group")

    ada, grace, editor = (
        User.objects.create(email=f"{name}@example.com", display_name=name.title(), password="!")
        for name in ("ada", "grace", "editor")
    )
    category = Category.objects.create(name="Moved", slug="moved")
    article = Article.objects.create(
        category=category,
        title="Where comments live",
        slug="where-comments-live",
        headline="h",
        summary="s",
        status="published",
        published_at=timezone.now(),
        comment_count=2,
    )
    at = timezone.now() - datetime.timedelta(days=2)
    thread = Comment.objects.create(
        article=article, author=ada, title="A title", body="Before the move."
    )
    reply = Comment.objects.create(
        article=article,
        author=grace,
        parent=thread,
        body="A reply, hidden.",
        status="hidden",
        report_count=1,
        needs_review=True,
        created_at=at,
    )
    Report.objects.create(comment=reply, reporter=ada, reason="abuse", trusted=True)
    Ban.objects.create(user=grace, banned_by=editor, reason="Repeated abuse.")
    PendingComment.objects.create(key="k" * 32, author=editor, article=article, body="Kept.")
    moderators = OldGroup.objects.create(name="Moderators before the move")
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="accounts", codename="moderate_comment"),
        Permission.objects.get(
            content_type__app_label="accounts", codename="view_moderationqueueitem"
        ),
    )
    return {
        "comments": sorted(Comment.objects.values_list(*COMMENT_FIELDS)),
        "reports": sorted(
            Report.objects.values_list("pk", "comment_id", "reporter_id", "reason", "trusted")
        ),
        "bans": sorted(Ban.objects.values_list("pk", "user_id", "banned_by_id", "reason")),
        "pending": list(PendingComment.objects.values_list(*PENDING_FIELDS)),
        "queue": [reply.pk],
    }


def test_the_move_keeps_every_comment_report_ban_and_permission():
    try:
        before = fill(migrate(BEFORE_THE_MOVE))
    finally:
        migrate()
    assert before["comments"] and before["reports"] and before["bans"]
    assert sorted(Comment.objects.values_list(*COMMENT_FIELDS)) == before["comments"]
    assert list(PendingComment.objects.values_list(*PENDING_FIELDS)) == before["pending"]
    assert (
        sorted(Report.objects.values_list("pk", "comment_id", "reporter_id", "reason", "trusted"))
        == before["reports"]
    )
    assert (
        sorted(Ban.objects.values_list("pk", "user_id", "banned_by_id", "reason"))
        == (before["bans"])
    )
    assert (
        list(ModerationQueueItem.objects.awaiting_moderation().values_list("pk", flat=True))
        == (before["queue"])
    )
    moderators = Group.objects.get(name="Moderators before the move")
    granted = moderators.permissions.values_list("content_type__app_label", "codename")
    assert sorted(granted) == [
        ("discussion", "moderate_comment"),
        ("discussion", "view_moderationqueueitem"),
    ]
    assert not ContentType.objects.filter(app_label="accounts", model="comment").exists()
    # New rows follow the old ones in the same tables.
    comment = Comment.objects.create(
        article_id=before["comments"][0][1], author_id=before["comments"][0][2], body="After."
    )
    assert comment.pk > max(row[0] for row in before["comments"])
