"""Benchmark the discussion: rendering, posting, rate limiting. Prints a Markdown section.

Runs against a throwaway test database on whatever DATABASE_URL / REDIS_URL say (SQLite and
the local-memory cache by default), from the repository root: `python bench/accounts.py`.
A page of the section shows 50 threads with their replies; for anonymous readers the
whole article page is then cached, so the render time is paid once per change.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veridact.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("ALLOW_INSECURE_SITE_URL", "true")  # served over http on this machine

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

SECTION = Template("{% load discussion %}{% discussion_section article %}")
COMMENT = (
    "The timeline looks right, but the supply side is the risk nobody prices in. "
    "See https://example.com/packaging-notes for last cycle's numbers.\n\n"
) * 6


def median_ms(action, repeat):
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def build(count):
    from accounts.models import User
    from articles.models import Article, Category
    from discussion.models import Comment

    category = Category.objects.get(slug="tech")
    article = Article.objects.create(
        category=category,
        title=f"Bench {count}",
        slug=f"bench-{count}",
        headline="h",
        summary="s",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    authors = [
        User.objects.get_or_create(
            email=f"bench{n}@example.com", defaults={"display_name": f"B{n}"}
        )[0]
        for n in range(5)
    ]
    now = timezone.now()
    threads = Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[n % 5],
            body=COMMENT[:900],
            created_at=now - datetime.timedelta(minutes=n + 1),
        )
        for n in range(count - count // 5)
    )
    Comment.objects.bulk_create(
        Comment(article=article, author=authors[n % 5], parent=threads[n], body="Agreed.")
        for n in range(count // 5)
    )
    article.comment_count = count
    article.save(update_fields=["comment_count"])
    return article, authors[0]


def render(article, user):
    request = RequestFactory().get(article.get_absolute_url())
    request.user = user
    return SECTION.render(Context({"article": article, "request": request}))


def measure():
    from allauth.account.models import EmailAddress

    from accounts.text import render_comment
    from discussion import services
    from limits import rates

    rows = []
    anonymous_queries = {}
    for count in (0, 50, 500):
        article, reader = build(count)
        with CaptureQueriesContext(connection) as captured:
            render(article, AnonymousUser())
        anonymous_queries[count] = len(captured)
        ms = median_ms(lambda a=article: render(a, AnonymousUser()), 20)
        rows.append(
            (
                f"Discussion section, anonymous, {count} comments",
                f"{ms:.1f} ms",
                "< 100 ms",
                ms < 100,
            )
        )
        rows.append(
            (
                f"Queries, anonymous, {count} comments",
                str(len(captured)),
                "≤ 2, same for 0/50/500",
                len(captured) <= 2 and len(set(anonymous_queries.values())) == 1,
            )
        )
    EmailAddress.objects.get_or_create(
        user=reader, email=reader.email, defaults={"verified": True, "primary": True}
    )
    with CaptureQueriesContext(connection) as captured:
        render(article, reader)
    ms = median_ms(lambda: render(article, reader), 20)
    rows.append(
        ("Discussion section, signed in, 500 comments", f"{ms:.1f} ms", "< 100 ms", ms < 100)
    )
    rows.append(("Queries, signed in", str(len(captured)), "≤ 4", len(captured) <= 4))

    ms = median_ms(
        lambda: services.comment_create(article=article, author=reader, body=COMMENT[:500]), 50
    )
    rows.append(("Post a comment (service, one transaction)", f"{ms:.2f} ms", "< 20 ms", ms < 20))

    user_ids = iter(range(10_000_000, 20_000_000))
    ms = median_ms(lambda: rates.consume("comment", user=next(user_ids)), 500)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    rows.append((f"Rate-limit check ({backend})", f"{ms * 1000:.0f} µs", "< 2 ms", ms < 2))

    ms = median_ms(lambda: render_comment(COMMENT[:1000]), 2000)
    rows.append(("Render a 1,000-character comment", f"{ms * 1000:.0f} µs", "< 1 ms", ms < 1))
    return rows


def main():
    # No setup_test_environment(): its instrumented template rendering would be measured too.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print("## Accounts: the discussion\n")
    print(
        "The Discussion section rendered through its template tag (50 threads a page, a fifth "
        "of the comments replies; anonymous readers then get the cached article page), "
        "posting through the service, the cache-backed rate limit and comment rendering. "
        f"Database: {engine}; cache: {cache}; medians of repeated runs.\n"
    )
    print("| Measure | Result | Target | Met |")
    print("|---|---|---|---|")
    for name, result, target, met in rows:
        print(f"| {name} | {result} | {target} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
