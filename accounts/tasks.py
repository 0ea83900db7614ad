"""Celery tasks: thin, safe to run twice."""

from celery import shared_task

from accounts import services


@shared_task(name="accounts.purge_expired_sessions", ignore_result=True)
def purge_expired_sessions():
    """Delete expired sessions: the database would otherwise keep every sign-in for ever."""
    services.sessions_purge_expired()


@shared_task(name="accounts.purge_pending_comments", ignore_result=True)
def purge_pending_comments():
    """Delete comments written before signing in whose authors never came to post them."""
    services.pending_comments_purge()
