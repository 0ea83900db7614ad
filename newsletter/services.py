"""Subscriptions: double opt-in, one-click subscribe for verified readers, preferences, the outbox.

Emails a request calls for, the newsletter's and the account emails allauth renders, are
written to the `Notice` outbox in the same transaction as the request, then enqueued after
commit. If the broker or the SMTP server is down the request still succeeds; the periodic
sweep sends whatever is still waiting once Celery runs again, retrying failed emails with
doubling delays.
"""

import enum
import functools
import logging
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from articles.models import Category
from newsletter import dispatch
from newsletter.emails import message_data, message_sent_data, notice_email
from newsletter.models import Delivery, Notice, Subscriber
from newsletter.tokens import request_stamp

logger = logging.getLogger(__name__)

# An outbox email younger than this is left to the task enqueued for it.
OUTBOX_GRACE = timedelta(seconds=10)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _queue_notice(subscriber: Subscriber | None, kind: str, now, **fields) -> Notice:
    notice = Notice.objects.create(subscriber=subscriber, kind=kind, created_at=now, **fields)
    transaction.on_commit(functools.partial(dispatch.enqueue, dispatch.SEND_NOTICE, notice.pk))
    return notice


@transaction.atomic
def account_email_queue(
    *, message: EmailMessage, user: AbstractBaseUser | None = None, now=None
) -> Notice:
    """Keep an email rendered in a request in the outbox, and send it after commit."""
    now = now or timezone.now()
    return _queue_notice(None, Notice.Kind.ACCOUNT, now, user=user, message=message_data(message))


@transaction.atomic
def digest_test_queue(*, message: EmailMessage, editor: AbstractBaseUser, now=None) -> Notice:
    """Send a digest to the editor asking for a test, and to nobody else, through the outbox."""
    if not editor.email:
        raise ValueError("The editor's account has no email address.")
    now = now or timezone.now()
    message.to, message.cc, message.bcc = [editor.email], [], []
    message.subject = f"[Test] {message.subject}"
    return _queue_notice(None, Notice.Kind.TEST, now, user=editor, message=message_data(message))


# Notices handed to one send task: a few seconds of sending each.
NOTICE_BATCH = 100


def reader_notices_queue(*, kind: str, about_id: int, user_ids: Iterable[int], now=None) -> int:
    """Queue another app's email of `kind` about one of its rows to each reader, once each.

    The app's builder makes each email when it is sent. A reader the outbox holds one of
    these for already, sent or not, gets no second (a unique constraint keeps it so).
    Return how many were queued.
    """
    now = now or timezone.now()
    had = Notice.objects.filter(kind=kind, about_id=about_id).values_list("user_id", flat=True)
    user_ids = set(user_ids) - set(had)
    notices = Notice.objects.bulk_create(
        Notice(kind=kind, user_id=user_id, about_id=about_id, created_at=now)
        for user_id in sorted(user_ids)
    )
    ids = [notice.pk for notice in notices]
    for first in range(0, len(ids), NOTICE_BATCH):
        batch = ids[first : first + NOTICE_BATCH]
        transaction.on_commit(functools.partial(dispatch.enqueue, dispatch.SEND_NOTICES, batch))
    return len(ids)


@transaction.atomic
def reader_notices_withdraw(*, kind: str, about_id: int) -> list[int]:
    """Delete the emails of `kind` about a row that have not gone yet; return their readers."""
    # Locking waits for any being sent right now; those are sent, and stay.
    unsent = list(
        Notice.objects.select_for_update()
        .filter(kind=kind, about_id=about_id, sent_at__isnull=True)
        .values_list("pk", "user_id")
    )
    Notice.objects.filter(pk__in=[pk for pk, _ in unsent]).delete()
    return [user_id for _, user_id in unsent]


def _recently_notified(subscriber: Subscriber, now) -> bool:
    # Counted per inbox, not per address: `ada+1@…`, `ada+2@…` and `a.da@gmail.com` reach the
    # same person, who gets one email in the window however many spellings are tried.
    window = now - timedelta(seconds=settings.NEWSLETTER_NOTICE_THROTTLE_SECONDS)
    return Notice.objects.filter(
        subscriber__mailbox=subscriber.mailbox,
        kind__in=[Notice.Kind.CONFIRM, Notice.Kind.ALREADY_SUBSCRIBED],
        created_at__gte=window,
    ).exists()


@transaction.atomic
def subscription_request(*, email: str, ip: str | None, now=None) -> Subscriber:
    """Record a subscribe request from the public form and queue the email it calls for.

    New, pending, unsubscribed and suspended addresses get a confirmation link; confirmed
    ones a note that they already subscribe. The caller answers the same in every case.
    """
    now = now or timezone.now()
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=normalize_email(email),
        defaults={"requested_at": now, "requested_ip": ip, "created_at": now},
    )
    if created:
        subscriber.categories.add(*Category.objects.all())
    if _recently_notified(subscriber, now):
        # Keep requested_at: the link in the email already sent must keep working.
        return subscriber
    if created:
        _queue_notice(subscriber, Notice.Kind.CONFIRM, now)
        return subscriber
    if subscriber.is_confirmed():
        _queue_notice(subscriber, Notice.Kind.ALREADY_SUBSCRIBED, now)
        return subscriber
    subscriber.status = Subscriber.Status.PENDING
    subscriber.requested_at = now
    subscriber.requested_ip = ip
    subscriber.save(update_fields=["status", "requested_at", "requested_ip", "updated_at"])
    _queue_notice(subscriber, Notice.Kind.CONFIRM, now)
    return subscriber


class ConfirmResult(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY = "already"
    STALE = "stale"
    MISSING = "missing"


def _record_consent(subscriber: Subscriber, ip: str | None, now) -> None:
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.consent_at = now
    subscriber.consent_ip = ip
    subscriber.unsubscribed_at = None
    subscriber.hard_bounces = 0
    subscriber.save()
    _queue_notice(subscriber, Notice.Kind.WELCOME, now)


@transaction.atomic
def subscription_confirm(*, subscriber_id: int, stamp: int, ip: str | None, now=None):
    """Confirm the request a confirmation link was made for, recording consent time and IP."""
    now = now or timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
    if subscriber is None:
        return ConfirmResult.MISSING, None
    if subscriber.is_confirmed():
        return ConfirmResult.ALREADY, subscriber
    if subscriber.status != Subscriber.Status.PENDING or stamp != request_stamp(subscriber):
        return ConfirmResult.STALE, subscriber
    _record_consent(subscriber, ip, now)
    return ConfirmResult.CONFIRMED, subscriber


def verified_email(user) -> str | None:
    """The reader's verified address to subscribe with: the primary one if it is verified."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk")
    address = addresses.values_list("email", flat=True).first()
    return normalize_email(address) if address else None


def subscription_for_user(user) -> Subscriber | None:
    """The reader's subscription: linked to their account, or under a verified address."""
    linked = Subscriber.objects.filter(user=user).order_by("-updated_at").first()
    if linked:
        return linked
    emails = [
        normalize_email(email)
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]
    return Subscriber.objects.filter(email__in=emails).order_by("-updated_at").first()


@transaction.atomic
def subscription_subscribe_user(*, user, ip: str | None, now=None) -> Subscriber:
    """Subscribe a signed-in reader's verified address at once: it is already proven theirs."""
    now = now or timezone.now()
    email = verified_email(user)
    if email is None:
        raise PermissionError("The reader has no verified email address.")
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"user": user, "requested_at": now, "requested_ip": ip, "created_at": now},
    )
    if created:
        subscriber.categories.add(*Category.objects.all())
    if subscriber.user_id != user.pk:
        subscriber.user = user
        subscriber.save(update_fields=["user", "updated_at"])
    if not subscriber.is_confirmed():
        subscriber.requested_at = now
        subscriber.requested_ip = ip
        _record_consent(subscriber, ip, now)
    return subscriber


@transaction.atomic
def subscription_update(*, subscriber: Subscriber, categories, frequency: str) -> Subscriber:
    """Save a subscriber's categories and frequency."""
    subscriber.frequency = frequency
    subscriber.save(update_fields=["frequency", "updated_at"])
    subscriber.categories.set(categories)
    return subscriber


@transaction.atomic
def subscription_unsubscribe(*, subscriber_id: int, now=None) -> Subscriber | None:
    """Stop every email to a subscriber at once, including digests already queued for them."""
    now = now or timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
    if subscriber is None:
        return None
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = now
        subscriber.save(update_fields=["status", "unsubscribed_at", "updated_at"])
    subscriber.deliveries.filter(state=Delivery.State.QUEUED).update(
        state=Delivery.State.SKIPPED, last_error="Unsubscribed before sending."
    )
    return subscriber


@transaction.atomic
def reader_data_delete(*, user: AbstractBaseUser, emails: Iterable[str]) -> int:
    """Delete a deleted account's subscriptions, pending ones included, and its emails.

    `emails` are the account's verified addresses: an address it never proved its own
    may be somebody else's, whose subscription stays. Return how many were deleted.
    """
    addresses = [normalize_email(email) for email in emails]
    subscriptions = Subscriber.objects.filter(Q(user=user) | Q(email__in=addresses))
    # Notices and deliveries go with their subscriber (CASCADE).
    _, by_model = subscriptions.delete()
    # Account emails still waiting would verify an address or reset a password of an
    # account that is gone; the sent ones are the reader's data too.
    Notice.objects.filter(kind__in=Notice.KEPT, user=user).delete()
    return by_model.get(Subscriber._meta.label, 0)


def _notice_still_wanted(notice: Notice) -> bool:
    if notice.kind in Notice.KEPT or notice.kind in Notice.BUILT:
        return True  # a built email's builder decides when it is built
    status = notice.subscriber.status
    if notice.kind == Notice.Kind.CONFIRM:
        return status == Subscriber.Status.PENDING
    return status == Subscriber.Status.CONFIRMED


def outbox_retry_delay(attempts: int) -> timedelta:
    """Return the wait before the sweep tries an email again after `attempts` failures."""
    seconds = settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.NEWSLETTER_OUTBOX_RETRY_MAX_SECONDS))


def notice_send(*, notice_id: int, now=None) -> bool:
    """Send one outbox email unless it went out already, recording the attempt if it fails."""
    now = now or timezone.now()
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber", "user")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        if not _notice_still_wanted(notice):
            notice.sent_at = now
            notice.last_error = "Not sent: the subscription changed before it could go out."
            notice.save(update_fields=["sent_at", "last_error"])
            return False
        notice.attempts += 1
        try:
            email = notice_email(notice)
            if email is None:
                notice.sent_at = now
                notice.last_error = "Not sent: its app no longer wanted it sent."
                notice.save(update_fields=["attempts", "sent_at", "last_error"])
                return False
            email.send()
        except Exception as exc:  # each email backend raises its own errors
            logger.warning("Outbox email %s failed: %s", notice.pk, exc)
            notice.last_error = str(exc)[:1000]
            notice.next_attempt_at = now + outbox_retry_delay(notice.attempts)
            notice.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            return False
        notice.sent_at = now
        notice.last_error = ""
        notice.message = message_sent_data(notice.message)
        notice.save(update_fields=["attempts", "sent_at", "last_error", "message"])
        return True


def outbox_sweep(*, now=None, limit: int = 200) -> int:
    """Send outbox emails that were not sent shortly after being queued; return how many went."""
    now = now or timezone.now()
    waiting = (
        Notice.objects.due(now)
        .filter(
            created_at__lte=now - OUTBOX_GRACE,
            attempts__lt=settings.NEWSLETTER_OUTBOX_MAX_ATTEMPTS,
        )
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notice_send(notice_id=notice_id, now=now) for notice_id in list(waiting))


# Rows deleted per transaction by a purge: short locks, bounded memory for the cascade.
PURGE_BATCH = 1000


def subscribers_purge_unconfirmed(*, now=None) -> int:
    """Delete subscribe requests never confirmed within the days the settings allow."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS)
    stale = Subscriber.objects.never_confirmed().filter(
        Q(requested_at__lt=cutoff) | Q(requested_at__isnull=True, created_at__lt=cutoff)
    )
    deleted = 0
    while True:
        with transaction.atomic():
            # Locked rows are being requested again (or confirmed) right now: not stale.
            batch = list(
                stale.select_for_update(skip_locked=True).values_list("pk", flat=True)[:PURGE_BATCH]
            )
            Subscriber.objects.filter(pk__in=batch).delete()
        deleted += len(batch)
        if len(batch) < PURGE_BATCH:
            return deleted


def notices_purge_settled(*, now=None) -> int:
    """Delete outbox emails sent, or given up on, longer ago than the settings keep them."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PURGE_SENT_EMAILS_DAYS)
    deleted, _ = Notice.objects.settled_before(cutoff).delete()
    return deleted
