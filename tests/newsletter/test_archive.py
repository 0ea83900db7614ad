"""The public archive of past digests: a list and a page per issue, cached, with nobody's data."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsletter import issuing, tokens
from newsletter.models import DigestIssue
from tests.accounts.factories import ReaderFactory
from tests.newsletter.factories import ArticleFactory, SubscriberFactory

ARCHIVE = reverse("newsletter:archive")


def make_issue(*, frequency="daily", days_ago, articles):
    """An issue made `days_ago` days ago of `articles` (published just before it)."""
    now = timezone.now() - timedelta(days=days_ago)
    for article in articles:
        article.published_at = now - timedelta(minutes=5)
        article.save()
    return issuing.issue_create(frequency=frequency, run=issuing.run_key(frequency, now), now=now)


@pytest.fixture
def issues(categories):
    SubscriberFactory(email="private.reader@example.com", categories=["tech", "sports"])
    SubscriberFactory(email="weekly.reader@example.com", frequency="weekly", categories=["sports"])
    first = make_issue(days_ago=3, articles=[ArticleFactory(title="Launch window opens")])
    second = make_issue(
        days_ago=2,
        articles=[
            ArticleFactory(title="Chip export rules", category=categories["tech"]),
            ArticleFactory(title="Cup final odds", category=categories["sports"], is_featured=True),
        ],
    )
    weekly = make_issue(frequency="weekly", days_ago=1, articles=[])
    return {"first": first, "second": second, "weekly": weekly}


def test_the_archive_lists_the_issues_that_went_out_newest_first(
    client, issues, categories, django_assert_num_queries
):
    ArticleFactory(title="Nobody subscribes to gaming", category=categories["gaming"])
    # An issue nobody received (no subscriber of its categories) is not an issue of the archive.
    nobody = issuing.issue_create(frequency="daily", run="nobody")
    assert nobody.recipients == 0
    for days in range(4, 10):  # more issues cost no more queries
        end = timezone.now() - timedelta(days=days)
        older = DigestIssue.objects.create(
            frequency="daily",
            run_key=issuing.run_key("daily", end),
            window_start=end - timedelta(days=1),
            window_end=end,
            recipients=1,
            status=DigestIssue.Status.DONE,
        )
        older.articles.set([ArticleFactory(), ArticleFactory()])
    # The page of issues, their count for the paginator, and their stories (one prefetch).
    with django_assert_num_queries(3):
        response = client.get(ARCHIVE)
    html = response.content.decode()
    titles = re.findall(r'<h2 class="archive-list__title"><a href="([^"]+)"', html)
    assert titles[:3] == [issues[name].get_absolute_url() for name in ("weekly", "second", "first")]
    assert len(titles) == 9
    assert 'Cup final odds <span class="muted">and 1 more story</span>' in html
    assert nobody.get_absolute_url() not in html
    assert "Nobody subscribes to gaming" not in html


def test_the_archive_filters_by_frequency(client, issues):
    html = client.get(ARCHIVE, {"frequency": "daily"}).content.decode()
    assert issues["first"].get_absolute_url() in html
    assert "/archive/weekly/" not in html
    assert f'href="{ARCHIVE}?frequency=daily" aria-current="page"' in html
    # A value the archive does not know is the unfiltered archive.
    response = client.get(ARCHIVE, {"frequency": "hourly"})
    assert response.status_code == 200
    assert f'href="{ARCHIVE}" aria-current="page"' in response.content.decode()


def test_an_issue_page_shows_every_story_and_nobodys_data(
    client, issues, django_assert_num_queries
):
    issue = issues["second"]
    # The issue, its stories, and the issues either side of it.
    with django_assert_num_queries(4):
        response = client.get(issue.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    stories = re.findall(r'<h2 class="issue-story__title"><a href="([^"]+)">([^<]+)</a>', html)
    assert [title for _, title in stories] == ["Cup final odds", "Chip export rules"]
    assert f'href="{issues["first"].get_absolute_url()}" rel="prev"' in html
    assert 'rel="next"' not in html  # the weekly issue is of another frequency
    # Nothing of any subscriber: no address, and no personal link of anyone's.
    for subscriber in issue.deliveries.select_related("subscriber"):
        assert subscriber.subscriber.email not in html
        assert tokens.unsubscribe_token(subscriber.subscriber_id) not in html
        assert tokens.preferences_token(subscriber.subscriber_id) not in html
    assert "/newsletter/unsubscribe/" not in html and "/newsletter/preferences/" not in html


def test_a_story_withdrawn_since_leaves_the_issue_page(client, issues):
    issue = issues["second"]
    issue.articles.filter(title="Chip export rules").update(status="draft")
    html = client.get(issue.get_absolute_url()).content.decode()
    assert "Cup final odds" in html and "Chip export rules" not in html


def test_an_issue_that_is_not_in_the_archive_is_not_found(client, issues, categories):
    ArticleFactory(category=categories["gaming"])
    nobody = issuing.issue_create(frequency="daily", run="nobody")
    for path in [
        nobody.get_absolute_url(),
        "/newsletter/archive/daily/1999-01-01/",
        issues["first"].get_absolute_url().replace("daily", "monthly"),
        "/newsletter/archive/daily/nobody's/",
    ]:
        assert client.get(path).status_code == 404, path


def test_a_page_past_the_last_shows_the_last(client, issues):
    response = client.get(ARCHIVE, {"page": "7"})
    assert response.status_code == 302
    assert response["Location"] == ARCHIVE


def test_the_archive_is_cached_for_anonymous_readers_until_an_issue_is_made(
    client, issues, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = client.get(ARCHIVE)
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    page = client.get(issues["second"].get_absolute_url())
    assert "public" in page["Cache-Control"]
    assert 'rel="next"' not in page.content.decode()
    with django_assert_num_queries(0):
        assert client.get(ARCHIVE).content == first.content
        assert client.get(issues["second"].get_absolute_url()).content == page.content

    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="A new morning")
        newest = issuing.issue_create(frequency="daily", run="today")
    html = client.get(ARCHIVE).content.decode()
    assert newest.get_absolute_url() in html and "A new morning" in html
    # The issue before it now links to it.
    older = client.get(issues["second"].get_absolute_url()).content.decode()
    assert f'href="{newest.get_absolute_url()}" rel="next"' in older


def test_signed_in_readers_get_the_same_archive_uncached(client, issues):
    client.force_login(ReaderFactory())
    response = client.get(ARCHIVE)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert issues["first"].get_absolute_url() in response.content.decode()


def test_the_newsletter_pages_and_the_footer_link_to_the_archive(client, db):
    for path in ["/newsletter/subscribe/", "/newsletter/subscribe/check-your-inbox/", "/"]:
        assert f'href="{ARCHIVE}"' in client.get(path).content.decode(), path


def test_each_digest_links_to_its_page_in_the_archive(
    client, categories, settings, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    ArticleFactory(title="Launch window opens")
    with django_capture_on_commit_callbacks(execute=True):
        issue = issuing.issue_create(frequency="daily", run="2026-06-12")
    (digest,) = mail.outbox
    address = f"{settings.SITE_URL}{issue.get_absolute_url()}"
    assert address.endswith("/newsletter/archive/daily/2026-06-12/")
    assert f"Read it on the web: {address}" in digest.body
    assert f'href="{address}"' in digest.alternatives[0][0]
    assert "Launch window opens" in client.get(issue.get_absolute_url()).content.decode()
    assert DigestIssue.objects.archived().get() == issue


def test_the_sitemap_lists_the_archive_and_each_issue_in_it(
    client, issues, settings, django_capture_on_commit_callbacks
):
    index = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{settings.SITE_URL}/sitemap-newsletter-archive.xml</loc>" in index
    with CaptureQueriesContext(connection) as captured:
        sitemap = client.get("/sitemap-newsletter-archive.xml").content.decode()
    # Its issues in one query, however many there are.
    assert len([q for q in captured if "newsletter_digestissue" in q["sql"]]) == 1
    assert f"<loc>{settings.SITE_URL}{ARCHIVE}</loc>" in sitemap
    for issue in issues.values():
        assert f"<loc>{settings.SITE_URL}{issue.get_absolute_url()}</loc>" in sitemap
    assert f"<lastmod>{issues['first'].window_end:%Y-%m-%d}" in sitemap
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="A new morning")
        newest = issuing.issue_create(frequency="daily", run="today")
    newer = client.get("/sitemap-newsletter-archive.xml").content.decode()
    assert newest.get_absolute_url() in newer
