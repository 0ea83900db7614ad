"""What the discussion does when accounts tells of a reader (`accounts.signals`)."""

from django.contrib import messages

from accounts import signals
from discussion import pending, services


def _renamed(user, **kwargs):
    services.reader_renamed(user=user)


def _deleting(user, **kwargs):
    services.reader_data_delete(user=user)


def _identified(request, user, verified, **kwargs):
    # The comments written in this browser before signing in are theirs from now on.
    if pending.claim(request, user) and not verified:
        messages.info(
            request,
            "Your comment is kept: it will be posted as soon as you confirm your email address.",
        )


def _admitted(request, user, **kwargs):
    for comment in services.pending_comments_post(author=user):
        messages.success(request, f"Your comment on “{comment.article.title}” is posted.")


def connect():
    """Connect the discussion's receivers; DiscussionConfig.ready() calls it once."""
    signals.reader_renamed.connect(_renamed, dispatch_uid="discussion-reader-renamed")
    signals.reader_deleting.connect(_deleting, dispatch_uid="discussion-reader-deleting")
    signals.reader_identified.connect(_identified, dispatch_uid="discussion-reader-identified")
    signals.reader_admitted.connect(_admitted, dispatch_uid="discussion-reader-admitted")
