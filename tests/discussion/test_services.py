"""Discussion writes: counts kept in step, cached pages made stale, moderation and bans."""

import pytest
from django.core.cache import cache
from django.db import IntegrityError, transaction

from accounts import services as account_services
from articles.models import Article
from discussion import services
from discussion.models import Ban, Comment
from discussion.services import comments as comment_writes
from pagecache import dependencies
from pagecache.versions import version_key
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.discussion.factories import CommentFactory, EstablishedReaderFactory
from tests.pagecache.scopes import invalidated_by

pytestmark = pytest.mark.django_db


def count_of(article):
    return Article.objects.get(pk=article.pk).comment_count


def test_body_length_is_a_database_constraint(article, reader):
    for body in ["", "x" * 1001]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Comment.objects.create(article=article, author=reader, body=body)
    Comment.objects.create(article=article, author=reader, body="x" * 1000)


@pytest.mark.postgres
def test_database_counts_characters_not_bytes(article, reader):
    Comment.objects.create(article=article, author=reader, body="😀" * 1000)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=article, author=reader, body="😀" * 1001)


def test_service_refuses_bad_bodies_without_touching_the_database(article, reader):
    for body in ["   ", "x" * 1001]:
        with pytest.raises(services.CommentRefused) as refused:
            services.comment_create(article=article, author=reader, body=body)
        assert refused.value.status == 400
    assert not Comment.objects.exists()


def test_service_refuses_unpublished_articles(reader):
    with pytest.raises(services.CommentRefused) as refused:
        services.comment_create(article=ArticleFactory(draft=True), author=reader, body="Hi")
    assert refused.value.status == 404


def test_count_follows_every_change(article, reader, other_reader, post):
    thread = post(article, reader)
    reply = post(article, other_reader, parent=thread)
    assert count_of(article) == 2
    services.comments_hide(comments=[reply])
    assert count_of(article) == 1
    services.comments_hide(comments=[reply])  # hiding twice changes nothing
    assert count_of(article) == 1
    services.comments_approve(comments=[reply])
    assert count_of(article) == 2
    services.comment_delete(comment=thread, user=reader)
    assert count_of(article) == 1
    services.comments_approve(comments=[thread])  # a removed comment stays removed
    assert count_of(article) == 1
    assert Comment.objects.get(pk=thread.pk).status == Comment.Status.REMOVED
    services.comments_remove(comments=[reply])
    assert count_of(article) == 0


def test_count_never_goes_negative(article, reader):
    comment = CommentFactory(article=article, author=reader)  # not counted
    services.comment_delete(comment=comment, user=reader)
    assert count_of(article) == 0


def test_a_failed_write_leaves_the_count_alone(article, reader, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(comment_writes, "refresh_pages_on_commit", fail)
    with pytest.raises(RuntimeError):
        services.comment_create(article=article, author=reader, body="Rolled back.")
    assert count_of(article) == 0
    assert not Comment.objects.exists()


def test_pages_go_stale_only_after_commit(
    article, reader, post, django_capture_on_commit_callbacks
):
    discussion = dependencies.discussion(article.category.slug, article.slug)
    keys = [version_key(discussion), version_key(dependencies.reader(reader.pk))]
    with django_capture_on_commit_callbacks() as callbacks:
        post(article, reader)
        assert cache.get_many(keys) == {}  # not before the commit
    for callback in callbacks:
        callback()
    assert set(cache.get_many(keys)) == set(keys)


def test_edit_marks_edited_and_refreshes_the_page(
    article, reader, post, django_capture_on_commit_callbacks
):
    comment = post(article, reader, "Before.")
    discussion = dependencies.discussion(article.category.slug, article.slug)
    changed = invalidated_by(
        lambda: services.comment_edit(comment=comment, user=reader, body="After."),
        django_capture_on_commit_callbacks,
        discussion,
    )
    comment.refresh_from_db()
    assert comment.body == "After." and comment.edited_at is not None
    assert discussion in changed


def test_third_trusted_report_hides_an_unreviewed_comment(article, reader, post):
    comment = post(article, reader)
    for _ in range(2):
        assert services.comment_report(comment=comment, reporter=EstablishedReaderFactory())
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.VISIBLE
    services.comment_report(comment=comment, reporter=EstablishedReaderFactory())
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN and comment.needs_review
    assert comment in Comment.objects.awaiting_moderation()


def test_an_approved_comment_is_not_hidden_again_by_reports(article, reader, post):
    comment = post(article, reader)
    for _ in range(3):
        services.comment_report(comment=comment, reporter=EstablishedReaderFactory())
    services.comments_approve(comments=[comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE and not comment.needs_review
    assert comment not in Comment.objects.awaiting_moderation()
    for _ in range(3):
        services.comment_report(comment=comment, reporter=EstablishedReaderFactory())
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert comment in Comment.objects.awaiting_moderation()  # back in the queue, still shown


def test_report_twice_counts_once(article, reader, other_reader, post):
    comment = post(article, reader)
    assert services.comment_report(comment=comment, reporter=other_reader) is True
    assert services.comment_report(comment=comment, reporter=other_reader) is False
    assert Comment.objects.get(pk=comment.pk).report_count == 1


def test_ban_hides_the_readers_comments_and_stops_new_ones(article, reader, post):
    post(article, reader, "One.")
    post(ArticleFactory(), reader, "Two.")
    editor = ReaderFactory(is_staff=True)
    services.reader_ban(user=reader, by=editor, reason="Spam")
    assert not Comment.objects.filter(author=reader).visible().exists()
    assert count_of(article) == 0
    assert Ban.objects.get(user=reader).banned_by == editor
    with pytest.raises(services.CommentRefused) as refused:
        post(article, reader, "Three.")
    assert refused.value.code == "banned"
    services.reader_unban(user=reader)
    post(article, reader, "Back.")
    assert count_of(article) == 1


def test_profile_update_refreshes_pages_showing_the_name(
    article, reader, post, django_capture_on_commit_callbacks
):
    post(article, reader)
    discussion = dependencies.discussion(article.category.slug, article.slug)
    profile = dependencies.reader(reader.pk)
    assert invalidated_by(
        lambda: account_services.profile_update(user=reader, display_name="Ada L.", bio=""),
        django_capture_on_commit_callbacks,
        discussion,
        profile,
    ) == {discussion, profile, dependencies.RECORDS}


def test_queryset_vocabulary(article, reader, other_reader, post):
    visible = post(article, reader, "Visible.")
    reply = post(article, other_reader, "Reply.", parent=visible)
    removed = post(article, reader, "Removed.")
    services.comment_delete(comment=removed, user=reader)
    assert set(Comment.objects.visible()) == {visible, reply}
    assert set(Comment.objects.threads()) == {visible, removed}
    assert list(Comment.objects.for_discussion(article)) == [visible]
    assert list(Comment.objects.for_profile(reader)) == [visible]
    assert set(Comment.objects.newer_than(visible)) == {reply, removed}
