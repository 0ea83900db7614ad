"""`send_digests`, the demo seed and the beat schedule."""

import io
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletter import demo
from newsletter.models import DigestIssue, Subscriber
from tests.newsletter.factories import ArticleFactory, SubscriberFactory


def run(*args):
    out = io.StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_dry_run_shows_articles_and_recipients_and_sends_nothing(db, categories):
    ArticleFactory(title="Launch day odds", category=categories["gaming"])
    SubscriberFactory.create_batch(2)
    SubscriberFactory(categories=["sports"])
    output = run("--frequency", "daily", "--dry-run")
    assert "[Gaming] Launch day odds" in output
    assert "2 subscribers would receive it." in output
    assert not DigestIssue.objects.exists()
    assert mail.outbox == []


def test_send_digests_sends_one_issue_and_shows_progress(db, settings):
    settings.NEWSLETTER_CHUNK_SIZE = 2
    ArticleFactory(title="Launch day odds")
    SubscriberFactory.create_batch(3)
    output = run("--frequency", "daily")
    assert "3 recipients in 2 chunks" in output
    assert "Sent 2 of 3" in output and "Sent 3 of 3" in output
    assert "Done: 3 sent, 0 failed." in output
    assert len(mail.outbox) == 3
    assert DigestIssue.objects.get().status == DigestIssue.Status.DONE
    assert "Nothing to send" in run("--frequency", "daily")


def test_weekly_with_nothing_new(db):
    assert "Nothing to send" in run("--frequency", "weekly")


def test_demo_seed_is_idempotent(db):
    out = io.StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)
    assert Subscriber.objects.confirmed().count() == len(demo.DEMO_SUBSCRIBERS)
    alan = Subscriber.objects.get(email="alan@example.com")
    assert list(alan.categories.values_list("slug", flat=True)) == ["sports"]
    assert "4 demo subscribers created" in out.getvalue()
    assert "0 demo subscribers created" in out.getvalue()


def test_beat_schedule_runs_the_digests_at_seven_utc():
    schedule = settings.CELERY_BEAT_SCHEDULE
    daily = schedule["newsletter-daily-digest"]
    weekly = schedule["newsletter-weekly-digest"]
    assert daily["task"] == weekly["task"] == "newsletter.create_digest"
    assert daily["kwargs"] == {"frequency": "daily"}
    assert daily["schedule"] == crontab(minute=0, hour=7)
    assert weekly["schedule"] == crontab(minute=0, hour=7, day_of_week="mon")
    assert settings.CELERY_TIMEZONE == "UTC"
    assert schedule["newsletter-sweep"]["task"] == "newsletter.sweep"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_send_digests_can_leave_the_sending_to_the_workers(categories_from_migrations):
    ArticleFactory(title="Queued story")
    SubscriberFactory.create_batch(2)
    # Tasks run in-process here, so the workers' part is done when the command follows it.
    output = run("--frequency", "daily", "--queue", "--timeout", "10")
    assert "Sent 2 of 2" in output
    assert "Done: 2 sent, 0 failed." in output
    assert len(mail.outbox) == 2


def test_the_demo_seed_sends_the_digests_of_the_past_weeks_once(
    db, categories, client, django_capture_on_commit_callbacks
):
    now = timezone.now()
    ArticleFactory(title="Ten days ago", published_at=now - timedelta(days=10))
    ArticleFactory(title="Two days ago", published_at=now - timedelta(days=2))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(stdout=out)
    issues = list(DigestIssue.objects.archived())
    daily = [issue for issue in issues if issue.frequency == "daily"]
    weekly = [issue for issue in issues if issue.frequency == "weekly"]
    assert [list(issue.articles.values_list("title", flat=True)) for issue in daily] == [
        ["Two days ago"]
    ]
    assert ["Ten days ago"] in [
        list(issue.articles.values_list("title", flat=True)) for issue in weekly
    ]
    assert all(issue.window_end.hour == 7 and issue.window_end < now for issue in issues)
    assert all(issue.window_end.weekday() == 0 for issue in weekly)
    # Sent as any issue is, each to its subscribers.
    assert len(mail.outbox) == sum(issue.recipients for issue in issues)
    assert f"{len(issues)} past digests made" in out.getvalue()
    html = client.get("/newsletter/archive/").content.decode()
    assert all(issue.get_absolute_url() in html for issue in issues)
    demo.seed(stdout=out)
    assert DigestIssue.objects.count() == len(issues)
