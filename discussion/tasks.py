"""Celery tasks: thin, safe to run twice."""

from celery import shared_task

from discussion import services


@shared_task(name="discussion.purge_pending_comments", ignore_result=True)
def purge_pending_comments():
    """Delete comments written before signing in whose authors never came to post them."""
    services.pending_comments_purge()
