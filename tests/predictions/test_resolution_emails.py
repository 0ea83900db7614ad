"""Readers who ask at the forecast form get one email with their score when the question
resolves (or word that it was annulled), through the outbox, whatever the newsroom retries."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsletter import services as outbox
from newsletter.models import Notice
from predictions import alerts
from predictions.models import ReaderScore, ResolutionAlert
from tests.accounts.factories import EditorFactory, ReaderFactory
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory

pytestmark = pytest.mark.django_db

LABEL = "Email me my score when this question resolves"
STOP_LINK = re.compile(r"https?://[^\s\"<>]+(/predictions/resolution-emails/stop/[^/\s\"<>]+/)")


@pytest.fixture
def question():
    """A question opened 30 days ago, the newsroom at 60 % from day one, closing in 30 days."""
    now = timezone.now()
    prediction = PredictionFactory(
        claim="Will the launch happen in June?",
        opened_at=now - datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=30),
    )
    ProbabilityUpdateFactory(prediction=prediction, probability=60)
    return prediction


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(EditorFactory(email="desk@example.com", is_superuser=True))
    return client


def forecast(prediction, reader, probability, *, notify, days_ago=0):
    """Forecast through the form, as the reader would, `days_ago` days back."""
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    with time_machine.travel(moment, tick=False):
        client = Client()
        client.force_login(reader)
        data = {"probability": str(probability), **({"notify": "on"} if notify else {})}
        response = client.post(reverse("predictions:forecast", args=[prediction.slug]), data)
    assert response.status_code == 302
    return client


def act(client, action, prediction, capture=None):
    """Run an admin action on the prediction list, committing (and sending) if `capture`."""
    url = reverse("admin:predictions_prediction_changelist")
    data = {"action": action, "_selected_action": [prediction.pk]}
    if capture is None:
        return client.post(url, data, follow=True)
    with capture(execute=True):
        return client.post(url, data, follow=True)


def mailed(email_address):
    return [message for message in mail.outbox if message.to == [email_address]]


def test_the_forecast_form_offers_the_email_and_remembers_each_readers_choice(question):
    reader, other = ReaderFactory(), ReaderFactory()
    client = Client()
    client.force_login(reader)
    page = client.get(question.get_absolute_url()).content.decode()
    assert LABEL in page
    assert 'name="notify" id="id_notify" aria-describedby="notify-help">' in page  # unticked

    response = client.post(
        reverse("predictions:forecast", args=[question.slug]),
        {"probability": "40", "notify": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert (
        "Your forecast of 40 % is recorded. We will email you your score when it resolves." in page
    )
    assert 'id="id_notify" aria-describedby="notify-help" checked>' in page
    assert alerts.reader_wants_email(prediction=question, reader=reader)
    # Another reader's form is their own.
    forecast(question, other, 70, notify=False)
    assert not alerts.reader_wants_email(prediction=question, reader=other)

    client.post(reverse("predictions:forecast", args=[question.slug]), {"probability": "45"})
    assert not ResolutionAlert.objects.filter(reader=reader).exists()
    page = client.get(question.get_absolute_url()).content.decode()
    assert 'id="id_notify" aria-describedby="notify-help">' in page


def test_a_refused_forecast_records_no_request(question):
    reader = ReaderFactory()
    client = Client()
    client.force_login(reader)
    response = client.post(
        reverse("predictions:forecast", args=[question.slug]),
        {"probability": "100", "notify": "on"},
    )
    assert response.status_code == 400
    assert "checked" in response.content.decode().split('name="notify"')[1].split(">")[0]
    assert not ResolutionAlert.objects.exists()


def test_resolving_emails_each_reader_who_asked_their_score(
    question, editor_client, settings, django_capture_on_commit_callbacks
):
    ada, bob, cy = (ReaderFactory(email=f"{name}@example.com") for name in ("ada", "bob", "cy"))
    forecast(question, ada, 80, notify=True, days_ago=20)
    forecast(question, bob, 30, notify=True, days_ago=10)
    forecast(question, cy, 55, notify=False, days_ago=5)

    response = act(editor_client, "resolve_yes", question, django_capture_on_commit_callbacks)
    assert "Resolved yes: 1 prediction(s)." in response.content.decode()
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ada@example.com",
        "bob@example.com",
    ]
    (email,) = mailed("ada@example.com")
    score = ReaderScore.objects.get(reader=ada)
    assert email.subject == "Resolved yes: Will the launch happen in June?"
    assert "Your last forecast: 80 % that it would happen." in email.body
    assert f"Your Brier score: {score.brier:.3f}" in email.body
    assert (
        f"The newsroom over the same time: {score.newsroom_brier:.3f} (you did better)"
        in email.body
    )
    html = email.alternatives[0][0]
    assert f"{score.brier:.3f}</p>" in html
    assert f'href="{settings.SITE_URL}{question.get_absolute_url()}"' in html
    (bob_email,) = mailed("bob@example.com")
    bob_score = ReaderScore.objects.get(reader=bob)
    assert f"Your Brier score: {bob_score.brier:.3f}" in bob_email.body
    assert "(the newsroom did better this time)" in bob_email.body
    # Through the outbox, and a link in each that stops them, one-click as RFC 8058 has it.
    assert set(Notice.objects.values_list("kind", flat=True)) == {Notice.Kind.RESOLVED}
    assert not Notice.objects.filter(sent_at__isnull=True).exists()
    stop = STOP_LINK.search(email.body).group(0)
    assert email.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ResolutionAlert.objects.filter(queued_at__isnull=False).count() == 2


def test_a_resolution_retried_emails_no_one_twice(
    question, editor_client, django_capture_on_commit_callbacks
):
    ada = ReaderFactory(email="ada@example.com")
    forecast(question, ada, 80, notify=True, days_ago=20)
    act(editor_client, "resolve_yes", question, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1

    # Resolved again by mistake: refused. Then undone, and resolved the other way.
    response = act(editor_client, "resolve_yes", question, django_capture_on_commit_callbacks)
    assert "Un-resolve the prediction before resolving it again." in response.content.decode()
    act(editor_client, "unresolve", question, django_capture_on_commit_callbacks)
    act(editor_client, "resolve_no", question, django_capture_on_commit_callbacks)
    act(editor_client, "annul", question, django_capture_on_commit_callbacks)
    outbox.outbox_sweep(now=timezone.now() + datetime.timedelta(minutes=5))
    assert len(mail.outbox) == 1
    assert Notice.objects.count() == 1


def test_an_undone_resolution_takes_back_the_emails_not_sent_yet(
    question, editor_client, django_capture_on_commit_callbacks
):
    ada = ReaderFactory(email="ada@example.com")
    forecast(question, ada, 80, notify=True, days_ago=20)
    # Resolved yes, and undone before the worker took the emails (nothing committed here
    # runs its after-commit work): the email waits in the outbox…
    act(editor_client, "resolve_yes", question)
    assert Notice.objects.filter(sent_at__isnull=True).count() == 1
    # …and goes with the undo, so the resolution that stands is the one the reader hears of.
    act(editor_client, "unresolve", question)
    assert not Notice.objects.exists()
    assert ResolutionAlert.objects.get().queued_at is None
    act(editor_client, "resolve_no", question, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert email.subject == "Resolved no: Will the launch happen in June?"


def test_an_annulled_question_emails_that_it_is_not_scored(
    question, editor_client, django_capture_on_commit_callbacks
):
    ada = ReaderFactory(email="ada@example.com")
    forecast(question, ada, 80, notify=True, days_ago=20)
    question.resolution_note = "The launch was cancelled outright, so the question is moot."
    question.save()
    act(editor_client, "annul", question, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    assert email.subject == "Annulled, not scored: Will the launch happen in June?"
    assert "We annulled this question, so it is never scored" in email.body
    assert "The launch was cancelled outright" in email.body
    assert "Brier" not in email.body


def test_an_email_queued_before_an_annul_says_so_when_it_goes(
    question, editor_client, django_capture_on_commit_callbacks
):
    ada = ReaderFactory(email="ada@example.com")
    forecast(question, ada, 80, notify=True, days_ago=20)
    act(editor_client, "resolve_yes", question)  # queued, not sent yet
    act(editor_client, "annul", question)
    outbox.outbox_sweep(now=timezone.now() + datetime.timedelta(minutes=1))
    (email,) = mail.outbox
    assert email.subject.startswith("Annulled, not scored")


def test_the_stop_link_stops_every_resolution_email(
    question, editor_client, django_capture_on_commit_callbacks
):
    ada = ReaderFactory(email="ada@example.com")
    other = PredictionFactory(claim="Will the second launch happen?")
    ProbabilityUpdateFactory(prediction=other, probability=40)
    forecast(question, ada, 80, notify=True, days_ago=20)
    forecast(other, ada, 20, notify=True, days_ago=20)
    act(editor_client, "resolve_yes", question, django_capture_on_commit_callbacks)
    (email,) = mail.outbox
    stop = STOP_LINK.search(email.body).group(1)

    page = Client().get(stop)
    assert page.status_code == 200
    assert "Stop emails when questions resolve?" in page.content.decode()
    assert "no-cache" in page["Cache-Control"]
    # One click, as a mail client does it: no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        stop, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "No more emails when questions resolve" in response.content.decode()
    assert not ResolutionAlert.objects.exists()
    act(editor_client, "resolve_no", other, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_stopping_drops_an_email_still_waiting(question, editor_client):
    ada = ReaderFactory(email="ada@example.com")
    forecast(question, ada, 80, notify=True, days_ago=20)
    act(editor_client, "resolve_yes", question)  # queued, not sent yet
    Client().post(reverse("predictions:resolution_emails_stop", args=[alerts.stop_token(ada.pk)]))
    outbox.outbox_sweep(now=timezone.now() + datetime.timedelta(minutes=1))
    assert mail.outbox == []
    notice = Notice.objects.get()
    assert notice.sent_at is not None and notice.last_error.startswith("Not sent")


@pytest.mark.parametrize("token", ["nonsense", f"1:{'x' * 43}", alerts.stop_token(1) + "x"])
def test_a_broken_stop_link_is_answered_400(client, token):
    response = client.post(reverse("predictions:resolution_emails_stop", args=[token]))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_resolving_costs_the_same_queries_for_three_readers_who_asked_or_thirty(
    editor_client, django_capture_on_commit_callbacks
):
    def resolve_with(count):
        prediction = PredictionFactory(opened_at=timezone.now() - datetime.timedelta(days=30))
        ProbabilityUpdateFactory(prediction=prediction, probability=60)
        for _ in range(count):
            forecast(prediction, ReaderFactory(), 70, notify=True, days_ago=3)
        with CaptureQueriesContext(connection) as captured:
            act(editor_client, "resolve_yes", prediction)
        return len(captured)

    assert resolve_with(3) == resolve_with(30)


def test_asking_again_after_an_undone_resolution_brings_no_second_email(
    question, editor_client, django_capture_on_commit_callbacks
):
    ada = ReaderFactory(email="ada@example.com")
    forecast(question, ada, 80, notify=True, days_ago=20)
    act(editor_client, "resolve_yes", question, django_capture_on_commit_callbacks)
    act(editor_client, "unresolve", question, django_capture_on_commit_callbacks)
    # The question is open again; the reader unticks the box, and ticks it again.
    forecast(question, ada, 85, notify=False)
    forecast(question, ada, 85, notify=True)
    assert ResolutionAlert.objects.get().queued_at is None
    response = act(editor_client, "resolve_yes", question, django_capture_on_commit_callbacks)
    assert "Resolved yes: 1 prediction(s)." in response.content.decode()
    assert len(mail.outbox) == 1
