"""Emails to readers when a question they forecast resolves, with their score: once each.

A reader asks at the forecast form, in their forecast's transaction (`resolution_alert_set`).
Resolving or annulling the prediction queues an outbox email for each reader who asked and has
none queued yet (`resolution_emails_queue`, in the resolution's transaction). The outbox sends
it, built by `resolution_email` as it goes, so it tells the question's state then. An
un-resolve withdraws the emails not sent yet, and the next resolution queues them again; an
email that went is not sent again, however often the question is resolved after. Every email
has a link that stops them all (`resolution_emails_stop`).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from newsletter import services as outbox
from newsletter.emails import templated_email
from newsletter.models import Notice
from predictions.models import Prediction, ReaderScore, ResolutionAlert

STOP_SALT = "predictions.resolution-emails.stop"


def stop_token(reader_id: int) -> str:
    """The token of a reader's link that stops their resolution emails; it does not expire."""
    return signing.Signer(salt=STOP_SALT).sign(str(reader_id))


def read_stop_token(token: str) -> int | None:
    """The reader a stop link is for, or None if the token is not one of ours."""
    try:
        value = signing.Signer(salt=STOP_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def reader_wants_email(*, prediction: Prediction, reader) -> bool:
    """Whether the reader asked for an email when this prediction resolves."""
    return ResolutionAlert.objects.filter(prediction=prediction, reader=reader).exists()


def resolution_alert_set(*, prediction: Prediction, reader, wanted: bool) -> None:
    """Remember whether a reader wants an email when this prediction resolves.

    Called in the reader's forecast's transaction, which holds the prediction's lock
    (`predictions.services.forecast_submit`): a request is taken only while the prediction is
    unresolved, and a resolution under way either sees it or has already settled the question.
    """
    if not wanted or prediction.is_resolved or prediction.is_annulled:
        ResolutionAlert.objects.filter(prediction=prediction, reader=reader).delete()
        return
    ResolutionAlert.objects.get_or_create(prediction=prediction, reader=reader)


def resolution_emails_queue(*, prediction: Prediction, now=None) -> int:
    """Queue the email of each reader who asked and has none queued; in the resolution's
    transaction. Return how many were queued."""
    now = now or timezone.now()
    waiting = ResolutionAlert.objects.filter(prediction=prediction, queued_at__isnull=True)
    readers = list(waiting.values_list("reader_id", flat=True))
    if readers:
        outbox.reader_notices_queue(
            kind=Notice.Kind.RESOLVED, about_id=prediction.pk, user_ids=readers, now=now
        )
        waiting.filter(reader_id__in=readers).update(queued_at=now)
    return len(readers)


def resolution_emails_withdraw(*, prediction: Prediction) -> int:
    """Take back the emails of a resolution being undone that have not gone yet; in the
    un-resolve's transaction. Return how many."""
    readers = outbox.reader_notices_withdraw(kind=Notice.Kind.RESOLVED, about_id=prediction.pk)
    ResolutionAlert.objects.filter(prediction=prediction, reader_id__in=readers).update(
        queued_at=None
    )
    return len(readers)


def resolution_emails_stop(*, reader_id: int) -> int:
    """Stop every resolution email to a reader, those queued included; return how many."""
    deleted, _ = ResolutionAlert.objects.filter(reader_id=reader_id).delete()
    return deleted


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def resolution_email(notice: Notice) -> EmailMessage | None:
    """Build a reader's email about a resolved or annulled prediction, with their score; None
    if it should not go any more (the reader stopped them, the question is open again)."""
    prediction = Prediction.objects.filter(pk=notice.about_id).first()
    if prediction is None or not (prediction.is_resolved or prediction.is_annulled):
        return None
    reader = notice.user
    address = outbox.verified_email(reader)
    if address is None or not reader_wants_email(prediction=prediction, reader=reader):
        return None
    stop = _absolute(reverse("predictions:resolution_emails_stop", args=[stop_token(reader.pk)]))
    context = {
        "prediction": prediction,
        "prediction_url": _absolute(prediction.get_absolute_url()),
        "record_url": _absolute(reader.get_absolute_url()),
        "score": ReaderScore.objects.filter(prediction=prediction, reader=reader).first(),
        "stop_url": stop,
    }
    if prediction.is_annulled:
        subject = f"Annulled, not scored: {prediction.claim}"
        context["preheader"] = "The question was annulled: no one is scored on it."
    else:
        subject = f"Resolved {'yes' if prediction.outcome else 'no'}: {prediction.claim}"
        context["preheader"] = "Your score on it is in."
    context["email_title"] = subject
    return templated_email(
        subject=subject,
        templates="predictions/email/resolved",
        context=context,
        to=address,
        headers={
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
