"""Celery tasks: thin, safe to run twice."""

from celery import shared_task

from accounts import services


@shared_task(name="accounts.purge_expired_sessions", ignore_result=True)
def purge_expired_sessions():
    """Delete expired sessions: the database would otherwise keep every sign-in for ever."""
    services.sessions_purge_expired()
