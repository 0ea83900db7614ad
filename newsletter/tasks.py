"""Celery tasks: take ids, call a service, safe to run twice."""

import logging

from celery import shared_task
from django.utils import timezone

from newsletter import dispatch, issuing, sending, services

logger = logging.getLogger(__name__)

# A chunk task acknowledges only after it returns and is requeued if its worker dies;
# the services make a second run send only what the first did not.
RELIABLE = {"acks_late": True, "reject_on_worker_lost": True, "ignore_result": True}


@shared_task(name=dispatch.SEND_NOTICE, **RELIABLE)
def send_notice(notice_id):
    """Send one outbox email (confirmation, already subscribed, welcome)."""
    services.notice_send(notice_id=notice_id)


@shared_task(name=dispatch.SEND_NOTICES, **RELIABLE)
def send_notices(notice_ids):
    """Send a batch of outbox emails queued together (a prediction's resolution emails)."""
    for notice_id in notice_ids:
        services.notice_send(notice_id=notice_id)


@shared_task(name="newsletter.create_digest", **RELIABLE)
def create_digest(frequency):
    """Create this run's digest issue of a frequency, once, and enqueue its chunks."""
    now = timezone.now()
    issue = issuing.issue_create(frequency=frequency, run=issuing.run_key(frequency, now), now=now)
    return issue.pk if issue else None


@shared_task(name=dispatch.SEND_CHUNK, bind=True, max_retries=None, **RELIABLE)
def send_digest_chunk(self, issue_id, chunk):
    """Send one chunk of an issue; run again when rows wait for a retry."""
    report = sending.chunk_send(issue_id=issue_id, chunk=chunk)
    if report.retry_in is None:
        return
    if self.request.is_eager:
        # In-process tasks cannot wait; `send_digests` or the sweep picks the rows up.
        logger.warning("Digest %s chunk %s has rows waiting for a retry", issue_id, chunk)
        return
    raise self.retry(countdown=report.retry_in)


@shared_task(name="newsletter.sweep", **RELIABLE)
def sweep():
    """Send outbox emails that could not be enqueued and resume stalled digest chunks."""
    services.outbox_sweep()
    issuing.issues_resume()


@shared_task(name="newsletter.purge_unconfirmed_subscribers", ignore_result=True)
def purge_unconfirmed_subscribers():
    """Delete subscribe requests that were never confirmed."""
    deleted = services.subscribers_purge_unconfirmed()
    logger.info("Purged %d unconfirmed subscribe requests", deleted)


@shared_task(name="newsletter.purge_sent_emails", ignore_result=True)
def purge_sent_emails():
    """Delete old outbox emails that were sent or given up on."""
    deleted = services.notices_purge_settled()
    logger.info("Purged %d sent outbox emails", deleted)
