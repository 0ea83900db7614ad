"""The digest on the real stack: from subscribing to the one-click unsubscribe, an editor's test
copy, and every subscriber's one email when a worker dies mid-send or SMTP refuses for a while.

Each test counts what the SMTP server accepted: every recipient exactly once.
"""

import threading
import time
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse

from articles.models import Category
from newsletter import issuing, tasks
from newsletter.models import Delivery, DigestIssue, Notice, Subscriber
from tests.accounts.factories import EditorFactory
from tests.newsletter.factories import ArticleFactory
from tests.newsletter.real_stack.support import (
    REAL_STACK,
    assert_each_once,
    confirmed_subscribers,
    link,
    wait_until,
)
from tests.newsletter.smtp import body_text
from tests.newsletter.workers import environment, start_worker

pytestmark = REAL_STACK


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
