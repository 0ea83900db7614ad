"""Digests as editors see them before they go: the next issue as it stands, or an issue made.

A preview is rendered by the `DigestRenderer` that renders subscribers' digests, as the
readers of one set of categories get it. Its personal links are those of no subscriber (they
open a page saying so), so a preview or a test sent to an editor unsubscribes nobody.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from articles.models import Category
from newsletter import issuing
from newsletter.emails import DigestRenderer, site_host
from newsletter.models import DIGEST_ORDER, DigestIssue

CREATE_DIGEST = "newsletter.create_digest"
NOBODY = 0  # the subscriber id a preview's personal links are made for


def scheduled_run(frequency: str, now: datetime) -> datetime | None:
    """When beat next creates this frequency's issue, from CELERY_BEAT_SCHEDULE; None if never."""
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry["task"] == CREATE_DIGEST and entry.get("kwargs", {}).get("frequency") == frequency:
            moment = now + entry["schedule"].remaining_estimate(now)
            # crontab's estimate falls a few milliseconds short of the minute.
            return (moment + timedelta(seconds=30)).replace(second=0, microsecond=0)
    return None


@dataclass
class Preview:
    """An issue as the readers of one category set would get it, and the sets there are."""

    issue: DigestIssue
    renderer: DigestRenderer
    category_key: str
    # (category key, label) for every set of the issue's categories some subscriber gets.
    audiences: list[tuple[str, str]] = field(default_factory=list)
    recipients: int = 0
    scheduled_at: datetime | None = None

    @property
    def articles(self):
        return self.renderer.articles_for(self.category_key)

    def email(self, *, to: str) -> EmailMultiAlternatives:
        """The digest as it would be sent, addressed to `to`, with nobody's personal links."""
        message = self.renderer.email_message(
            delivery_id=0, subscriber_id=NOBODY, email=to, category_key=self.category_key
        )
        # Each copy is a message of its own to mail clients, which thread by Message-ID.
        message.extra_headers["Message-ID"] = f"<digest.preview.{uuid.uuid4().hex}@{site_host()}>"
        return message


def _label(category_key: str, names: dict[int, str], readers: int) -> str:
    chosen = ", ".join(names[int(part)] for part in category_key.split(",") if int(part) in names)
    return f"{chosen} — {readers} subscriber{'' if readers == 1 else 's'}"


def _every_category(articles) -> str:
    return ",".join(str(i) for i in sorted({article.category_id for article in articles}))


def _audiences(counts: dict[str, int], every: str) -> list[tuple[str, str]]:
    """Each category set subscribers get, largest audience first, after the whole issue."""
    names = dict(Category.objects.values_list("pk", "name"))
    whole = f"Every category in the issue: {_label(every, names, counts.get(every, 0))}"
    others = [
        (key, _label(key, names, readers))
        for key, readers in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if key != every
    ]
    return [(every, whole), *others]


def next_issue_preview(
    *, frequency: str, category_key: str | None = None, now=None
) -> Preview | None:
    """Preview the next issue of a frequency as it stands now; None if it would hold nothing."""
    now = now or timezone.now()
    plan = issuing.issue_plan(frequency=frequency, now=now)
    if not plan.articles:
        return None
    scheduled_at = scheduled_run(frequency, now)
    date = scheduled_at or now
    issue = DigestIssue(
        frequency=frequency,
        run_key=issuing.run_key(frequency, date),
        window_start=plan.window_start,
        window_end=date,
    )
    renderer = DigestRenderer(issue=issue, articles=plan.articles)
    every = _every_category(plan.articles)
    audiences = _audiences(plan.by_categories, every)
    if category_key not in dict(audiences):
        category_key = every
    return Preview(
        issue=issue,
        renderer=renderer,
        category_key=category_key,
        audiences=audiences,
        recipients=plan.recipients,
        scheduled_at=scheduled_at,
    )


def issue_preview(*, issue: DigestIssue) -> Preview:
    """Preview an issue already made, with every category it holds."""
    articles = list(
        issue.articles.select_related("category")
        .only("id", "title", "slug", "summary", "category")
        .order_by(*DIGEST_ORDER)
    )
    return Preview(
        issue=issue,
        renderer=DigestRenderer(issue=issue, articles=articles),
        category_key=_every_category(articles),
        recipients=issue.recipients,
    )
