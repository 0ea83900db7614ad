"""Writes to the discussion: comments, reports, moderation and bans, called alike by views,
the admin and the demo.

Every change to what a discussion shows keeps `Article.comment_count` (the number of
visible comments) in step in the same transaction, and makes the cached article page and
the author's profile stale once the transaction commits.

By job: `rules` says who may do what, `comments` holds a reader's own writes (and the
bookkeeping every change shares), `moderation` reports, the queue and bans. Callers import
them from here: `from discussion import services`.
"""

from discussion.services.comments import (
    comment_create,
    comment_delete,
    comment_edit,
    pending_comment_keep,
    pending_comments_post,
    pending_comments_purge,
)
from discussion.services.moderation import (
    comment_report,
    comments_approve,
    comments_hide,
    comments_remove,
    reader_ban,
    reader_data_delete,
    reader_renamed,
    reader_unban,
)
from discussion.services.rules import (
    CommentRefused,
    Standing,
    check_can_comment,
    check_can_edit,
    check_can_report,
    reader_standing,
    reporter_is_trusted,
)

__all__ = [
    "CommentRefused",
    "Standing",
    "check_can_comment",
    "check_can_edit",
    "check_can_report",
    "comment_create",
    "comment_delete",
    "comment_edit",
    "comment_report",
    "comments_approve",
    "comments_hide",
    "comments_remove",
    "pending_comment_keep",
    "pending_comments_post",
    "pending_comments_purge",
    "reader_ban",
    "reader_data_delete",
    "reader_renamed",
    "reader_standing",
    "reader_unban",
    "reporter_is_trusted",
]
