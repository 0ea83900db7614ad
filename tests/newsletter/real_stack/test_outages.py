"""Emails wait out an outage and then go out once: Redis down when a reader subscribes, SMTP down
when readers sign up or reset their password."""

import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from newsletter.models import Notice
from tests.accounts.factories import ReaderFactory
from tests.newsletter.real_stack.support import REAL_STACK, wait_until
from tests.newsletter.smtp import SMTPServer, body_text, free_port
from tests.newsletter.workers import environment, start_redis, start_web, start_worker

pytestmark = REAL_STACK


def post_form(url, data):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode())  # noqa: S310 (local URL)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_subscribe_while_redis_is_down_then_the_confirmation_goes_out(
    broker, smtp, processes, tmp_path
):
    # .ci/run installs redis-server; this test starts and stops one of its own.
    assert shutil.which("redis-server"), "needs redis-server (apt-get install redis-server)"
    # A Redis of this test's own, so stopping it disturbs nothing else.
    port = free_port()
    redis_url = f"redis://127.0.0.1:{port}/0"
    env = environment(
        smtp_url=smtp.url,
        redis_url=redis_url,
        NEWSLETTER_SWEEP_SECONDS=1,
        ALLOWED_HOSTS="127.0.0.1",
    )
    web = start_web(env, tmp_path / "web.log")
    processes.append(web)

    started = time.monotonic()
    status, headers = post_form(
        f"{web.url}/newsletter/subscribe/", {"email": "patient@example.com"}
    )
    assert status == 303, web.output()[-3000:]
    assert headers["Location"] == "/newsletter/subscribe/check-your-inbox/"
    assert time.monotonic() - started < 10
    notice = Notice.objects.get(subscriber__email="patient@example.com")
    assert notice.sent_at is None

    processes.append(start_redis(port, tmp_path / "redis.log"))
    worker = start_worker(env, tmp_path / "worker.log", beat=True)
    processes.append(worker)
    assert smtp.mailbox.wait_for(1, timeout=60), worker.output()[-4000:]
    time.sleep(2)
    assert smtp.mailbox.recipients() == ["patient@example.com"]
    assert "Confirm" in smtp.mailbox.parsed()[0]["Subject"]
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_account_emails_wait_for_smtp_then_go_out(broker, processes, tmp_path):
    smtp = SMTPServer()  # nothing listens on its port until it starts below
    env = environment(smtp_url=smtp.url, NEWSLETTER_SWEEP_SECONDS=1)
    worker = start_worker(env, tmp_path / "worker.log", beat=True)
    processes.append(worker)
    reader = ReaderFactory(email="forgetful@example.com")

    client = Client()
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
    response = Client().post(reverse("account_reset_password"), {"email": reader.email})
    assert response.status_code == 302
    # The worker tries both at once and fails: SMTP is down.
    tried = wait_until(lambda: Notice.objects.filter(attempts__gte=1).count() == 2, timeout=30)
    assert tried, worker.output()[-3000:]
    assert not Notice.objects.filter(sent_at__isnull=False).exists()
    assert not EmailAddress.objects.get(email="patient@example.com").verified

    with smtp:
        assert smtp.mailbox.wait_for(2, timeout=60), worker.output()[-4000:]
        time.sleep(2)  # anything sent twice would arrive now
        messages = {message["To"]: message for message in smtp.mailbox.parsed()}
    assert sorted(smtp.mailbox.recipients()) == ["forgetful@example.com", "patient@example.com"]
    assert messages["forgetful@example.com"]["Subject"] == "Veridact: Reset your password"
    verification = messages["patient@example.com"]
    assert verification["Subject"] == "Veridact: Confirm your email address"
    confirm = urlsplit(re.search(r"https?://\S+", body_text(verification))[0]).path
    assert client.post(confirm).status_code == 302
    assert EmailAddress.objects.get(email="patient@example.com").verified
