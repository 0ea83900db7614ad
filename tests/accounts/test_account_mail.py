"""Account emails go through the outbox: with SMTP refusing or down, sign-up and password reset
still answer, and the emails go out once SMTP is back (over a real SMTP server, aiosmtpd)."""

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from newsletter import tasks
from newsletter.models import Notice
from tests.accounts.factories import ReaderFactory
from tests.newsletter.smtp import SMTPServer, body_html, body_text

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def smtp(settings):
    """A real SMTP server the site sends to, not started yet: the test starts it."""
    server = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    if server.controller.loop.is_running():
        server.controller.stop()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request leaves for after its commit: enqueueing its emails."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sweep_later(minutes=2):
    """Run beat's outbox sweep as it runs a little later."""
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes)):
        tasks.sweep.delay()


def link(message):
    return urlsplit(re.search(r"https?://\S+", body_text(message))[0]).path


def test_sign_up_with_smtp_refusing_answers_and_the_verification_goes_out_once_it_is_back(
    client, smtp, committed
):
    smtp.controller.start()
    smtp.mailbox.rcpt_busy_until = time.monotonic() + 3600  # 450 to every recipient
    with committed():
        response = client.post(
            reverse("account_signup"),
            {
                "email": "patient@example.com",
                "display_name": "Patient Reader",
                "password1": "a-long-and-unusual-passphrase",
                "password2": "a-long-and-unusual-passphrase",
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # One whole reader, waiting for the email the outbox holds.
    reader = User.objects.get(email="patient@example.com")
    assert reader.display_name == "Patient Reader"
    assert not EmailAddress.objects.get(user=reader).verified
    notice = Notice.objects.get()
    assert (notice.kind, notice.user, notice.attempts) == ("account", reader, 1)
    assert "450" in notice.last_error and notice.sent_at is None
    assert smtp.mailbox.refused == 1 and smtp.mailbox.count() == 0

    smtp.mailbox.rcpt_busy_until = 0
    sweep_later()
    [message] = smtp.mailbox.parsed()
    assert message["To"] == "patient@example.com"
    assert message["Subject"] == "Veridact: Confirm your email address"
    assert "Confirm my address" in body_html(message)
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 2
    # The one-time link is not kept once the email is sent.
    assert "body" not in notice.message and notice.message["to"] == ["patient@example.com"]
    sweep_later(minutes=30)
    assert smtp.mailbox.count() == 1

    confirm = link(message)
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(user=reader).verified
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_password_reset_with_smtp_down_answers_and_the_link_arrives_once_it_is_back(
    client, smtp, committed
):
    reader = ReaderFactory(email="forgetful@example.com")
    with committed():
        response = client.post(reverse("account_reset_password"), {"email": reader.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    notice = Notice.objects.get()
    assert notice.user == reader and notice.attempts == 1 and notice.sent_at is None
    assert notice.last_error  # connection refused: nothing listens yet

    smtp.controller.start()
    sweep_later()
    [message] = smtp.mailbox.parsed()
    assert message["To"] == "forgetful@example.com"
    assert message["Subject"] == "Veridact: Reset your password"
    form = client.get(link(message), follow=True)
    assert "Choose a new password" in form.content.decode()
    client.post(
        form.redirect_chain[-1][0],
        {"password1": "another-long-passphrase", "password2": "another-long-passphrase"},
    )
    reader.refresh_from_db()
    assert reader.check_password("another-long-passphrase")


def test_an_email_that_keeps_failing_is_retried_with_doubling_delays_then_given_up(
    client, smtp, committed, settings
):
    smtp.controller.start()
    smtp.mailbox.data_busy_until = time.monotonic() + 3600  # 451 after every message
    reader = ReaderFactory(email="unlucky@example.com")
    with committed():
        client.post(reverse("account_reset_password"), {"email": reader.email})
    notice = Notice.objects.get()
    previous, waits = timezone.now(), []
    while notice.attempts < settings.NEWSLETTER_OUTBOX_MAX_ATTEMPTS:
        due, attempts = notice.next_attempt_at, notice.attempts
        waits.append(round((due - previous).total_seconds()))
        # The sweep leaves the email alone until its next attempt is due, then tries it.
        with time_machine.travel(due - datetime.timedelta(seconds=1)):
            tasks.sweep.delay()
        assert Notice.objects.get().attempts == attempts
        with time_machine.travel(due):
            tasks.sweep.delay()
        notice.refresh_from_db()
        assert notice.attempts == attempts + 1
        previous = due
    assert waits == [20, 40, 80, 160, 320, 640, 1280, 2560, 3600]
    notice.refresh_from_db()
    assert notice.attempts == settings.NEWSLETTER_OUTBOX_MAX_ATTEMPTS
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        tasks.sweep.delay()
    assert Notice.objects.get().attempts == settings.NEWSLETTER_OUTBOX_MAX_ATTEMPTS
    assert smtp.mailbox.count() == 0 and smtp.mailbox.refused == 10


def test_deleting_the_account_drops_its_account_emails_still_waiting(client, smtp, committed):
    reader = ReaderFactory()
    client.force_login(reader)
    with committed():
        client.post(reverse("account_email"), {"action_add": "", "email": "second@example.com"})
    assert Notice.objects.get(user=reader).sent_at is None  # SMTP is down
    with committed():
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not Notice.objects.exists()
    smtp.controller.start()
    sweep_later()
    assert smtp.mailbox.count() == 0
