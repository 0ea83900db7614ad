"""Reports: a reader reports a comment once and never their own; unverified and banned readers
cannot report, reports are limited, and only established readers' reports hide a comment
before an editor looks — fresh accounts cannot gang up on anyone."""

import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussion import services
from discussion.models import Comment, Report
from tests.accounts.factories import ReaderFactory
from tests.discussion.factories import CommentFactory, EstablishedReaderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("limit_windows")]


def report_url(comment):
    return reverse("discussion:comment_report", args=[comment.article_id, comment.pk])


def report(reporter, comment, reason="abuse"):
    client = Client()
    client.force_login(reporter)
    return client.post(report_url(comment), {"reason": reason})


def test_report_once_each(reader_client, reader, other_reader, article, post):
    theirs = post(article, other_reader, "Questionable.")
    url = report_url(theirs)
    assert "What is wrong with this comment?" in reader_client.get(url).content.decode()
    reader_client.post(url, {"reason": "spam"})
    response = reader_client.post(url, {"reason": "abuse"}, follow=True)
    assert "You have already reported that comment." in response.content.decode()
    assert Report.objects.get().reason == "spam"
    theirs.refresh_from_db()
    assert theirs.report_count == 1 and theirs.needs_review


def test_three_established_readers_hide_it_until_an_editor_looks(article, other_reader, post):
    theirs = post(article, other_reader, "Really questionable.")
    for reporter in EstablishedReaderFactory.create_batch(3):
        assert report(reporter, theirs).status_code == 302
    theirs.refresh_from_db()
    assert theirs.status == Comment.Status.HIDDEN and theirs.needs_review
    assert Report.objects.filter(trusted=True).count() == 3
    article.refresh_from_db()
    assert article.comment_count == 0
    assert "Really questionable." not in Client().get(article.get_absolute_url()).content.decode()


def test_reporting_ones_own_comment_is_403(reader_client, reader, article, post):
    mine = post(article, reader)
    assert reader_client.post(report_url(mine)).status_code == 403
    assert not Report.objects.exists()


def test_unverified_reader_cannot_report(client, other_reader, article, post):
    theirs = post(article, other_reader)
    client.force_login(ReaderFactory(verified=False))
    response = client.post(report_url(theirs), {"reason": "spam"})
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_three_fresh_sock_puppets_cannot_hide_a_comment(article, other_reader, post):
    theirs = post(article, other_reader, "An unpopular but fair opinion.")
    puppets = ReaderFactory.create_batch(3)  # verified, signed up a minute ago
    for puppet in puppets:
        assert report(puppet, theirs).status_code == 302
    theirs.refresh_from_db()
    assert theirs.status == Comment.Status.VISIBLE
    assert theirs.report_count == 3 and theirs.needs_review
    assert theirs in Comment.objects.awaiting_moderation()  # an editor decides
    assert not Report.objects.filter(trusted=True).exists()
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "An unpopular but fair opinion." in page


def test_untrusted_reports_do_not_add_up_with_trusted_ones(article, other_reader, post):
    theirs = post(article, other_reader)
    for reporter in [*EstablishedReaderFactory.create_batch(2), *ReaderFactory.create_batch(5)]:
        report(reporter, theirs)
    assert Comment.objects.get(pk=theirs.pk).status == Comment.Status.VISIBLE
    report(EstablishedReaderFactory(), theirs)
    assert Comment.objects.get(pk=theirs.pk).status == Comment.Status.HIDDEN


def test_what_makes_a_reporter_established(settings):
    assert (settings.TRUSTED_REPORTER_DAYS, settings.TRUSTED_REPORTER_COMMENTS) == (7, 3)
    assert services.reporter_is_trusted(user=EstablishedReaderFactory())
    # Too young: six days.
    young = EstablishedReaderFactory(date_joined=timezone.now() - timedelta(days=6))
    assert not services.reporter_is_trusted(user=young)
    # Too few comments still shown: hidden and removed ones do not count.
    quiet = EstablishedReaderFactory(comments=2)
    CommentFactory(author=quiet, status=Comment.Status.HIDDEN)
    CommentFactory(author=quiet, status=Comment.Status.REMOVED)
    assert not services.reporter_is_trusted(user=quiet)
    CommentFactory(author=quiet)
    assert services.reporter_is_trusted(user=quiet)
    # Banned, or no verified address.
    banned = EstablishedReaderFactory()
    services.reader_ban(user=banned)
    assert not services.reporter_is_trusted(user=banned)
    assert not services.reporter_is_trusted(user=EstablishedReaderFactory(verified=False))


def test_banned_readers_cannot_report(article, reader, other_reader, post):
    theirs = post(article, other_reader)
    services.reader_ban(user=reader)
    client = Client()
    client.force_login(reader)
    for response in [client.get(report_url(theirs)), report(reader, theirs)]:
        assert response.status_code == 403
        assert "can no longer take part" in response.content.decode()
    assert not Report.objects.exists()
    with pytest.raises(services.CommentRefused):
        services.comment_report(comment=theirs, reporter=reader)


def test_reports_are_limited_to_5_in_10_minutes(article, reader, other_reader):
    comments = CommentFactory.create_batch(6, article=article, author=other_reader)
    client = Client()
    client.force_login(reader)
    for comment in comments[:5]:
        assert client.post(report_url(comment), {"reason": "spam"}).status_code == 302
    refused = client.post(report_url(comments[5]), {"reason": "spam"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 600
    assert "You can send at most 5 reports in 10 minutes." in refused.content.decode()
    assert Report.objects.count() == 5
    # Another reader is not held up.
    assert report(ReaderFactory(), comments[5]).status_code == 302


def test_with_the_cache_down_reports_still_go_through(
    limits_cache_down, caplog, article, reader, other_reader
):
    comments = CommentFactory.create_batch(7, article=article, author=other_reader)
    client = Client()
    client.force_login(reader)
    with caplog.at_level(logging.WARNING, logger="limits.rates"):
        for comment in comments:
            assert client.post(report_url(comment), {"reason": "spam"}).status_code == 302
    assert Report.objects.count() == 7
    assert "Rate limit skipped" in caplog.text


@pytest.mark.redis
def test_on_redis_the_report_limit_holds_across_sessions(article, reader, other_reader):
    comments = CommentFactory.create_batch(6, article=article, author=other_reader)
    for comment in comments[:5]:
        assert report(reader, comment).status_code == 302  # a new session each time
    assert report(reader, comments[5]).status_code == 429
