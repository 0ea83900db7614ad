"""Demo subscribers for `seed_demo`: a few confirmed readers with different choices."""

from django.utils import timezone

from articles.models import Category
from newsletter.models import Frequency, Subscriber

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
