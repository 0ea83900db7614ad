"""What Celery beat starts, and when: every periodic task of the site is listed here."""

from celery.schedules import crontab

from veridact import env

CELERY_BEAT_SCHEDULE = {
    "refresh-pages-for-scheduled-articles": {
        "task": "articles.tasks.refresh_pages_for_scheduled_articles",
        "schedule": 60.0,
    },
    # Digests (newsletter app)
    "newsletter-daily-digest": {
        "task": "newsletter.create_digest",
        "schedule": crontab(minute=0, hour=7),
        "kwargs": {"frequency": "daily"},
    },
    "newsletter-weekly-digest": {
        "task": "newsletter.create_digest",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        "kwargs": {"frequency": "weekly"},
    },
    # Sends confirmations that could not be enqueued (broker down) and resumes
    # digest chunks whose tasks were lost.
    "newsletter-sweep": {
        "task": "newsletter.sweep",
        "schedule": env.NEWSLETTER_SWEEP_SECONDS,
    },
    # The nightly purges: expired sessions, and after PURGE_*_DAYS subscribe requests never
    # confirmed and outbox emails sent or given up on.
    "accounts-purge-expired-sessions": {
        "task": "accounts.purge_expired_sessions",
        "schedule": crontab(minute=10, hour=3),
    },
    # Drafts in sessions go with their session; kept ones after PENDING_COMMENT_LIFETIME.
    "discussion-purge-pending-comments": {
        "task": "discussion.purge_pending_comments",
        "schedule": crontab(minute=15, hour=3),
    },
    "newsletter-purge-unconfirmed-subscribers": {
        "task": "newsletter.purge_unconfirmed_subscribers",
        "schedule": crontab(minute=20, hour=3),
    },
    "newsletter-purge-sent-emails": {
        "task": "newsletter.purge_sent_emails",
        "schedule": crontab(minute=30, hour=3),
    },
    "articles-purge-pending-uploads": {
        "task": "articles.tasks.purge_pending_uploads",
        "schedule": crontab(minute=40, hour=3),
    },
}
