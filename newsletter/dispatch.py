"""Enqueue the newsletter's tasks by name.

The services enqueue tasks and the tasks call the services; naming the tasks here, rather
than importing `newsletter.tasks`, keeps the imports pointing one way: tasks → services →
dispatch. `NewsletterConfig.ready()` imports the tasks, so each name is registered (and
eager mode runs it in process) wherever Django runs.
"""

import logging

from celery import current_app

logger = logging.getLogger(__name__)

SEND_NOTICE = "newsletter.send_notice"
SEND_NOTICES = "newsletter.send_notices"
SEND_CHUNK = "newsletter.send_chunk"


def enqueue(name: str, *args) -> bool:
    """Publish a task now, or log and leave the work to the sweep when the broker is down."""
    task = current_app.tasks[name]  # a name nobody registered is a bug, not an outage
    try:
        task.delay(*args)
    except Exception:  # kombu and redis raise many error classes for an unreachable broker
        logger.warning("Could not enqueue %s%r; the newsletter sweep will do it", name, args)
        return False
    return True


def send_chunks(issue_id: int, chunks) -> None:
    """Enqueue a send task per chunk (the sweep resumes any that could not be enqueued)."""
    for chunk in chunks:
        if not enqueue(SEND_CHUNK, issue_id, chunk):
            return
