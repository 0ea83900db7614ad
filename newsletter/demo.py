"""Demo subscribers for `seed_demo`, a few confirmed readers with different choices, and the
digests of the past weeks they got, so that the archive has issues."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Category
from newsletter import issuing
from newsletter.models import DigestIssue, Frequency, Subscriber

PAST_WEEKS = 6
PAST_DAYS = 7

DEMO_SUBSCRIBERS = [
    ("ada@example.com", Frequency.DAILY, None),
    ("grace@example.com", Frequency.DAILY, ["tech", "finance"]),
    ("alan@example.com", Frequency.WEEKLY, ["sports"]),
    ("katherine@example.com", Frequency.WEEKLY, ["gaming", "tech"]),
]


def seed(*, stdout):
    """Create the demo subscribers once; running again changes nothing."""
    categories = {category.slug: category for category in Category.objects.all()}
    now = timezone.now()
    created = 0
    for email, frequency, slugs in DEMO_SUBSCRIBERS:
        subscriber, new = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.CONFIRMED,
                "frequency": frequency,
                "requested_at": now,
                "requested_ip": "127.0.0.1",
                "consent_at": now,
                "consent_ip": "127.0.0.1",
            },
        )
        if new:
            chosen = categories.values() if slugs is None else [categories[s] for s in slugs]
            subscriber.categories.set(chosen)
            created += 1
    stdout.write(f"Newsletter: {created} demo subscribers created.")
    if not DigestIssue.objects.exists():
        issues = past_digests_send(now=now)
        stdout.write(f"Newsletter: {issues} past digests made, as the schedule would have.")


def past_digests_send(*, now) -> int:
    """Make the issues beat would have made in the past weeks (07:00 UTC, Mondays for weekly).

    Their deliveries go out after the seed commits, as any issue's do.
    """
    last_run = now.replace(hour=7, minute=0, second=0, microsecond=0)
    if last_run > now:
        last_run -= timedelta(days=1)
    last_monday = last_run - timedelta(days=last_run.weekday())
    runs = [(last_run - timedelta(days=days), Frequency.DAILY) for days in range(PAST_DAYS)]
    runs += [
        (last_monday - timedelta(weeks=weeks), Frequency.WEEKLY) for weeks in range(PAST_WEEKS)
    ]
    made = 0
    for moment, frequency in sorted(runs):
        run = issuing.run_key(frequency, moment)
        made += issuing.issue_create(frequency=frequency, run=run, now=moment) is not None
    return made
