"""A few demo discussions with replies, by the demo readers (accounts.demo)."""

import datetime

from django.utils import timezone

from accounts.demo import READERS
from accounts.models import User
from articles.models import Article
from discussion import services
from discussion.models import Comment

# (reader index, text, [(reader index, reply text), …]) for each of the first articles.
DISCUSSIONS = [
    [
        (
            0,
            "The timeline looks right to me, but the supply side is the risk nobody prices in. "
            "Last cycle the delay came from packaging, not the chips themselves.",
            [
                (6, "Good point. Do you have a source for the packaging bottleneck last time?"),
                (0, "The suppliers' own quarterly reports: https://example.com/packaging-notes"),
            ],
        ),
        (5, "60% feels a touch high given the precedents listed. I'd say 50–55%.", []),
    ],
    [
        (
            2,
            "What would change your mind here? I'd like to see the indicators you're watching.",
            [(8, "Same question. A short list of signposts would make this easy to track.")],
        ),
        (11, "Saving this one to check back on when it resolves.", []),
    ],
    [
        (
            3,
            "The scenario I'd add: a delay announced late, after the marketing push starts.\n\n"
            "It has happened twice in the precedents you cite.",
            [(9, "Agreed, and the second time the delay was only a few weeks.")],
        ),
    ],
]


def demo_readers():
    """The demo readers, in the order accounts.demo lists them."""
    emails = [f"reader{number}@demo.veridact.example" for number in range(1, len(READERS) + 1)]
    readers = User.objects.in_bulk(emails, field_name="email")
    return [readers[email] for email in emails]


def _post(*, article, author, body, parent, at):
    """Post a demo comment once: an identical one by the same reader means it is there."""
    existing = Comment.objects.filter(
        article=article, author=author, body=body, parent=parent
    ).first()
    if existing:
        return existing, False
    comment = services.comment_create(article=article, author=author, body=body, parent=parent)
    # Date it after the article, never in the future.
    Comment.objects.filter(pk=comment.pk).update(created_at=min(at, timezone.now()))
    return comment, True


def seed(*, stdout):
    """Post a few comments with replies by the demo readers; existing ones are left alone."""
    readers = list(demo_readers())
    articles = list(
        Article.objects.published()
        .filter(comments_closed=False)
        .select_related("category")
        .order_by("-published_at")[: len(DISCUSSIONS)]
    )
    if not articles:
        stdout.write("No published articles yet: no demo comments.")
        return
    created = 0
    for article, threads in zip(articles, DISCUSSIONS, strict=False):
        at = article.published_at + datetime.timedelta(hours=1)
        for reader_index, body, replies in threads:
            thread, new = _post(
                article=article, author=readers[reader_index], body=body, parent=None, at=at
            )
            created += new
            for offset, (reply_index, reply_body) in enumerate(replies, start=1):
                _, new = _post(
                    article=article,
                    author=readers[reply_index],
                    body=reply_body,
                    parent=thread,
                    at=at + datetime.timedelta(minutes=20 * offset),
                )
                created += new
            at += datetime.timedelta(hours=2)
    stdout.write(f"Demo comments: {created} new on {len(articles)} articles.")
