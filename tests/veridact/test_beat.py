"""Every job beat schedules is a task the workers know."""

from django.conf import settings

from veridact.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()  # what a worker does at start: finds every tasks.py
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: no task named {entry['task']}"


def test_beat_runs_the_purges_every_night():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "accounts.purge_expired_sessions",
        "discussion.purge_pending_comments",
        "newsletter.purge_unconfirmed_subscribers",
        "newsletter.purge_sent_emails",
    } <= tasks
