"""Subscriptions: double opt-in, one-click subscribe for verified readers, preferences, the outbox.

Emails a request calls for are written to the `Notice` outbox in the same transaction as
the request, then enqueued after commit. If the broker is down the request still
succeeds; the periodic sweep sends whatever is still waiting once Celery runs again.
"""

import enum
import functools
import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Category
from newsletter.emails import notice_email
from newsletter.models import Delivery, Notice, Subscriber

logger = logging.getLogger(__name__)

# An outbox email younger than this is left to the task enqueued for it.
OUTBOX_GRACE = timedelta(seconds=10)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def enqueue(task, *args) -> bool:
    """Publish a task now, or log and leave the work to the sweep when the broker is down."""
    try:
        task.delay(*args)
    except Exception:  # kombu and redis raise many error classes for an unreachable broker
        logger.warning("Could not enqueue %s%r; the newsletter sweep will do it", task.name, args)
        return False
    return True


def _queue_notice(subscriber: Subscriber, kind: str, now) -> Notice:
    from newsletter import tasks  # tasks import this module

    notice = Notice.objects.create(subscriber=subscriber, kind=kind, created_at=now)
    transaction.on_commit(functools.partial(enqueue, tasks.send_notice, notice.pk))
    return notice


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
        subscriber.categories.set(Category.objects.all())
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
    from newsletter.tokens import request_stamp

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
        subscriber.categories.set(Category.objects.all())
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


def _notice_still_wanted(notice: Notice) -> bool:
    status = notice.subscriber.status
    if notice.kind == Notice.Kind.CONFIRM:
        return status == Subscriber.Status.PENDING
    return status == Subscriber.Status.CONFIRMED


def notice_send(*, notice_id: int, now=None) -> bool:
    """Send one outbox email unless it went out already, recording the attempt if it fails."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        if not _notice_still_wanted(notice):
            notice.sent_at = now or timezone.now()
            notice.last_error = "Not sent: the subscription changed before it could go out."
            notice.save(update_fields=["sent_at", "last_error"])
            return False
        notice.attempts += 1
        try:
            notice_email(notice).send()
        except Exception as exc:  # each email backend raises its own errors
            logger.warning("Newsletter notice %s failed: %s", notice.pk, exc)
            notice.last_error = str(exc)[:1000]
            notice.save(update_fields=["attempts", "last_error"])
            return False
        notice.sent_at = now or timezone.now()
        notice.last_error = ""
        notice.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def outbox_sweep(*, now=None, limit: int = 200) -> int:
    """Send outbox emails that were not sent shortly after being queued; return how many went."""
    now = now or timezone.now()
    waiting = Notice.objects.filter(
        sent_at__isnull=True,
        created_at__lte=now - OUTBOX_GRACE,
        attempts__lt=settings.NEWSLETTER_MAX_ATTEMPTS,
    ).values_list("pk", flat=True)[:limit]
    return sum(notice_send(notice_id=notice_id) for notice_id in list(waiting))
