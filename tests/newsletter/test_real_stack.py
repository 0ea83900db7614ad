"""End to end and fault scenarios with real processes: `celery worker` on Redis and
PostgreSQL, delivering to an SMTP server on localhost (aiosmtpd).

Each test counts what the SMTP server accepted: every recipient exactly once.
"""

import collections
import re
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Category, PendingUpload
from discussion.models import PendingComment
from newsletter import issuing, tasks
from newsletter.models import Delivery, DigestIssue, Notice, Subscriber
from predictions.models import ResolutionAlert
from tests.accounts.factories import EditorFactory, ReaderFactory
from tests.newsletter.factories import ArticleFactory
from tests.newsletter.smtp import SMTPServer, body_text, free_port
from tests.newsletter.workers import (
    environment,
    purge_broker,
    start_redis,
    start_web,
    start_worker,
)
from tests.predictions.factories import PredictionFactory, ProbabilityUpdateFactory
from veridact.celery import app as celery_app

# Data is committed so the worker processes see it; serialized_rollback brings back what
# migrations created (categories, the Editors group) after each test's flush.
pytestmark = [
    pytest.mark.celery,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _categories(categories_from_migrations):
    return categories_from_migrations


@pytest.fixture
def smtp():
    with SMTPServer() as server:
        yield server


@pytest.fixture
def processes():
    """Processes a test starts; all stopped before the test database is flushed."""
    started = []
    yield started
    for process in reversed(started):
        process.stop()


@pytest.fixture
def broker():
    purge_broker(settings.REDIS_URL)
    yield settings.REDIS_URL
    purge_broker(settings.REDIS_URL)


def wait_until(predicate, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def link(text, name):
    return urlsplit(re.search(rf"https?://\S+/newsletter/{name}/\S+/", text).group(0)).path


def confirmed_subscribers(count, categories=None):
    categories = list(categories or Category.objects.all())
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{i:05d}@example.com",
            status=Subscriber.Status.CONFIRMED,
            requested_at=now,
            consent_at=now,
            consent_ip="192.0.2.1",
        )
        for i in range(count)
    )
    through = Subscriber.categories.through
    through.objects.bulk_create(
        through(subscriber_id=subscriber.pk, category_id=category.pk)
        for subscriber in subscribers
        for category in categories
    )
    return subscribers


def assert_each_once(smtp, emails, worker_logs=""):
    counts = collections.Counter(smtp.mailbox.recipients())
    missing = set(emails) - set(counts)
    duplicates = {email: n for email, n in counts.items() if n > 1}
    assert not missing and not duplicates, (
        f"{len(missing)} missing, {len(duplicates)} duplicated\n{worker_logs[-4000:]}"
    )
    assert sum(counts.values()) == len(emails)


def test_subscribe_confirm_digest_and_one_click_unsubscribe(broker, smtp, processes, tmp_path):
    worker = start_worker(environment(smtp_url=smtp.url), tmp_path / "worker.log")
    processes.append(worker)
    client = Client(REMOTE_ADDR="203.0.113.9")

    response = client.post("/newsletter/subscribe/", {"email": "end.to.end@example.com"})
    assert response.status_code == 303
    assert smtp.mailbox.wait_for(1, timeout=30), worker.output()[-3000:]
    (confirmation,) = smtp.mailbox.parsed()
    assert confirmation["To"] == "end.to.end@example.com"
    confirm = link(body_text(confirmation), "confirm")
    assert "Confirm my subscription" in client.get(confirm).content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert "You are subscribed" in client.post(confirm).content.decode()

    assert smtp.mailbox.wait_for(2, timeout=30), worker.output()[-3000:]
    welcome = smtp.mailbox.parsed()[1]
    assert welcome["Subject"] == "Welcome to the Veridact newsletter"
    gaming = Category.objects.get(slug="gaming")
    response = client.post(
        link(body_text(welcome), "preferences"), {"categories": [gaming.pk], "frequency": "daily"}
    )
    assert response.status_code == 303

    ArticleFactory(category=gaming, title="Handheld launch slips to spring")
    ArticleFactory(category=Category.objects.get(slug="tech"), title="Chip export rules")
    # Two beat processes by mistake: one issue, one email.
    tasks.create_digest.delay("daily")
    tasks.create_digest.delay("daily")
    assert smtp.mailbox.wait_for(3, timeout=30), worker.output()[-3000:]
    assert wait_until(lambda: DigestIssue.objects.filter(status="done").exists(), timeout=30)
    time.sleep(1)
    assert smtp.mailbox.count() == 3
    assert DigestIssue.objects.count() == 1
    digest = smtp.mailbox.parsed()[2]
    assert "Handheld launch slips to spring" in digest["Subject"]
    assert "Handheld launch slips to spring" in body_text(digest)
    assert "Chip export rules" not in body_text(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    unsubscribe = urlsplit(digest["List-Unsubscribe"].strip("<>")).path
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.consent_ip == "203.0.113.9"


def test_worker_killed_mid_send_every_subscriber_gets_exactly_one(
    broker, smtp, processes, tmp_path, settings
):
    settings.NEWSLETTER_CHUNK_SIZE = 500  # four chunks: the dead worker's, and others
    subscribers = confirmed_subscribers(2000, Category.objects.filter(slug="tech"))
    ArticleFactory(title="Kill test")
    env = environment(smtp_url=smtp.url)
    first = start_worker(env, tmp_path / "first.log")
    processes.append(first)
    halfway = threading.Event()
    smtp.mailbox.on_accept = lambda count: count >= 700 and halfway.set()

    started = time.monotonic()
    issue = issuing.issue_create(frequency="daily", run="sigkill")
    assert issue.chunk_count == 4
    assert halfway.wait(timeout=60), first.output()[-3000:]
    first.kill()
    at_kill = smtp.mailbox.count()
    assert 700 <= at_kill < 2000, "the worker should die in the middle of the send"

    second = start_worker(env, tmp_path / "second.log")
    processes.append(second)
    done = wait_until(
        lambda: not Delivery.objects.filter(issue=issue, state="queued").exists(), timeout=120
    )
    elapsed = time.monotonic() - started
    logs = first.output() + second.output()
    assert done, f"still queued after {elapsed:.0f}s\n{logs[-4000:]}"
    time.sleep(1)  # anything sent twice would arrive now
    assert_each_once(smtp, [s.email for s in subscribers], logs)
    assert Delivery.objects.filter(issue=issue, state="sent").count() == 2000
    # Recovery is bounded by the visibility timeout (10 s here), not hours.
    assert elapsed < 90
    issue.refresh_from_db()
    assert wait_until(
        lambda: DigestIssue.objects.get(pk=issue.pk).status == DigestIssue.Status.DONE, 15
    )


def test_smtp_answering_4xx_for_a_while_then_recovering(
    broker, smtp, processes, tmp_path, settings
):
    settings.NEWSLETTER_CHUNK_SIZE = 100
    subscribers = confirmed_subscribers(300, Category.objects.filter(slug="finance"))
    ArticleFactory(category=Category.objects.get(slug="finance"), title="4xx test")
    worker = start_worker(environment(smtp_url=smtp.url), tmp_path / "worker.log")
    processes.append(worker)
    # First the server refuses recipients, then it refuses after the final dot (so
    # sent-marks committed before the dot must be undone), then it recovers.
    now = time.monotonic()
    smtp.mailbox.rcpt_busy_until = now + 1.5
    smtp.mailbox.data_busy_until = now + 3.0
    issue = issuing.issue_create(frequency="daily", run="4xx")
    assert issue.chunk_count == 3
    done = wait_until(
        lambda: not Delivery.objects.filter(issue=issue, state="queued").exists(), timeout=90
    )
    assert done, worker.output()[-4000:]
    time.sleep(1)
    assert smtp.mailbox.refused > 0
    assert_each_once(smtp, [s.email for s in subscribers], worker.output())
    rows = Delivery.objects.filter(issue=issue)
    assert rows.filter(state="sent").count() == 300
    assert rows.filter(attempts__gt=1).exists()  # some were retried
    assert rows.filter(attempts__gt=settings.NEWSLETTER_MAX_ATTEMPTS).count() == 0


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
    web_port = free_port()
    env = environment(
        smtp_url=smtp.url,
        redis_url=redis_url,
        NEWSLETTER_SWEEP_SECONDS=1,
        ALLOWED_HOSTS="127.0.0.1",
    )
    web = start_web(env, web_port, tmp_path / "web.log")
    processes.append(web)

    started = time.monotonic()
    status, headers = post_form(
        f"http://127.0.0.1:{web_port}/newsletter/subscribe/", {"email": "patient@example.com"}
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


def test_an_editor_sends_a_test_of_the_next_digest_through_the_worker(
    broker, smtp, processes, tmp_path
):
    subscribers = confirmed_subscribers(3)
    ArticleFactory(title="Launch window opens")
    worker = start_worker(environment(smtp_url=smtp.url), tmp_path / "worker.log")
    processes.append(worker)
    editor = EditorFactory(email="desk@example.com", is_superuser=True)
    client = Client()
    client.force_login(editor)

    response = client.post(
        reverse("admin:newsletter_digestissue_preview"), {"frequency": "daily", "audience": ""}
    )
    assert response.status_code == 303
    assert smtp.mailbox.wait_for(1, timeout=30), worker.output()[-3000:]
    time.sleep(1)  # a copy to anyone else would arrive now
    assert smtp.mailbox.recipients() == ["desk@example.com"]
    (test,) = smtp.mailbox.parsed()
    assert test["Subject"].strip().startswith("[Test] Launch window opens")
    assert "Launch window opens" in body_text(test)
    assert not any(subscriber.email in body_text(test) for subscriber in subscribers)
    assert Notice.objects.get(kind=Notice.Kind.TEST).sent_at is not None
    assert not DigestIssue.objects.exists()


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
