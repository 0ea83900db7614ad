"""The worker's other jobs on the real stack: the nightly purges, and a reader's score emailed
once when a prediction resolves."""

import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import PendingUpload
from discussion.models import PendingComment
from newsletter.models import Notice, Subscriber
from predictions.models import ResolutionAlert
from tests.accounts.factories import EditorFactory, ReaderFactory
from tests.newsletter.factories import ArticleFactory
from tests.newsletter.real_stack.support import REAL_STACK, wait_until
from tests.newsletter.smtp import body_text
from tests.newsletter.workers import environment, start_worker
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory
from veridact.celery import app as celery_app

pytestmark = REAL_STACK


def test_the_nightly_purges_run_on_a_worker(broker, smtp, processes, tmp_path):
    reader = ReaderFactory()
    signed_in = Client()
    signed_in.post(
        reverse("account_login"), {"login": reader.email, "password": "correct horse battery"}
    )
    Client().post("/newsletter/subscribe/", {"email": "forgot@example.com"})
    Client().post("/newsletter/subscribe/", {"email": "sent.long.ago@example.com"})
    worker = start_worker(environment(smtp_url=smtp.url), tmp_path / "worker.log")
    processes.append(worker)
    assert smtp.mailbox.wait_for(2, timeout=30), worker.output()[-3000:]
    # A month and more goes by.
    long_ago = timezone.now() - timedelta(days=40)
    Session.objects.update(expire_date=long_ago)
    Subscriber.objects.filter(email="forgot@example.com").update(requested_at=long_ago)
    Notice.objects.filter(subscriber__email="sent.long.ago@example.com").update(sent_at=long_ago)
    # A comment written before signing in and never posted, an image kept from a failed save.
    article = ArticleFactory()
    PendingComment.objects.create(
        key="forgotten", author=reader, article=article, body="Never posted.", written_at=long_ago
    )
    PendingUpload.objects.create(
        token="forgotten",
        thumbnail_width=1,
        thumbnail_height=1,
        name="x.png",
        content_type="image/png",
    )
    PendingUpload.objects.update(created_at=long_ago)

    purges = {
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if ".purge_" in entry["task"]
    }
    assert purges == {
        "accounts.purge_expired_sessions",
        "newsletter.purge_unconfirmed_subscribers",
        "newsletter.purge_sent_emails",
        "discussion.purge_pending_comments",
        "articles.tasks.purge_pending_uploads",
    }
    for name in purges:
        celery_app.send_task(name)
    purged = wait_until(
        lambda: (
            not Session.objects.exists()
            and not Subscriber.objects.filter(email="forgot@example.com").exists()
            and Notice.objects.count() == 0
            and not PendingComment.objects.exists()
            and not PendingUpload.objects.exists()
        ),
        timeout=30,
    )
    assert purged, worker.output()[-3000:]
    assert Subscriber.objects.filter(email="sent.long.ago@example.com").exists()


def test_a_reader_gets_their_score_once_when_a_prediction_resolves(
    broker, smtp, processes, tmp_path
):
    worker = start_worker(environment(smtp_url=smtp.url), tmp_path / "worker.log")
    processes.append(worker)
    now = timezone.now()
    prediction = PredictionFactory(
        claim="Will the launch happen in June?", opened_at=now - timedelta(days=30)
    )
    ProbabilityUpdateFactory(prediction=prediction, probability=60)
    asked, silent = ReaderFactory(email="asked@example.com"), ReaderFactory()
    for reader, data in [(asked, {"notify": "on"}), (silent, {})]:
        client = Client()
        client.force_login(reader)
        response = client.post(
            reverse("predictions:forecast", args=[prediction.slug]), {"probability": "80", **data}
        )
        assert response.status_code == 302
    editor = Client()
    editor.force_login(EditorFactory(is_superuser=True))

    def act(action):
        return editor.post(
            reverse("admin:predictions_prediction_changelist"),
            {"action": action, "_selected_action": [prediction.pk]},
        )

    act("resolve_yes")
    assert smtp.mailbox.wait_for(1, timeout=30), worker.output()[-3000:]
    # Resolved again by mistake (refused), undone, resolved the other way: no second email.
    act("resolve_yes")
    act("unresolve")
    act("resolve_no")
    time.sleep(3)
    assert smtp.mailbox.recipients() == ["asked@example.com"]
    (email,) = smtp.mailbox.parsed()
    assert "Resolved yes: Will the launch happen in June?" in email["Subject"]
    assert "Your Brier score: 0.040" in body_text(email)
    assert Notice.objects.get(kind=Notice.Kind.RESOLVED).sent_at is not None

    # The email's one-click link stops them, with no cookie.
    stop = urlsplit(email["List-Unsubscribe"].strip().strip("<>")).path
    response = Client(enforce_csrf_checks=True).post(
        stop, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not ResolutionAlert.objects.exists()
