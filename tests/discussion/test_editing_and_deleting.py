"""An author edits their comment within 15 minutes or deletes it; nobody else can, and no
comment is reached under another article."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from discussion.models import Comment
from tests.articles.factories import ArticleFactory
from tests.discussion.factories import CommentFactory
from tests.discussion.links import comment_action

pytestmark = pytest.mark.django_db


def test_author_edits_within_15_minutes_and_it_shows_edited(reader_client, reader, article, post):
    comment = post(article, reader, "Teh typo.")
    form = reader_client.get(comment_action("comment_edit", comment))
    assert ">\nTeh typo.</textarea>" in form.content.decode()
    response = reader_client.post(comment_action("comment_edit", comment), {"body": "The typo."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "The typo." and comment.edited_at is not None
    page = reader_client.get(article.get_absolute_url()).content.decode()
    assert 'class="comment__edited"' in page


def test_edit_after_15_minutes_is_refused_and_keeps_the_text(
    reader_client, reader, article, post, time_machine
):
    comment = post(article, reader, "Original.")
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=16))
    assert reader_client.get(comment_action("comment_edit", comment)).status_code == 403
    response = reader_client.post(comment_action("comment_edit", comment), {"body": "Changed."})
    assert response.status_code == 403
    assert ">\nChanged.</textarea>" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Original."


def test_edit_with_1001_characters_is_an_error_and_the_text_is_kept(
    reader_client, reader, article, post
):
    comment = post(article, reader, "Short.")
    response = reader_client.post(comment_action("comment_edit", comment), {"body": "z" * 1001})
    assert response.status_code == 200
    assert "yours has 1,001" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Short."


def test_author_deletes_and_replies_stay_under_comment_removed(
    reader_client, reader, other_reader, article, post
):
    thread = post(article, reader, "I will regret this.")
    post(article, other_reader, "A reply that stays.", parent=thread)
    confirm = reader_client.get(comment_action("comment_delete", thread))
    assert "Delete your comment?" in confirm.content.decode()
    response = reader_client.post(comment_action("comment_delete", thread))
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == Comment.Status.REMOVED
    article.refresh_from_db()
    assert article.comment_count == 1
    page = reader_client.get(article.get_absolute_url()).content.decode()
    assert "[comment removed]" in page
    assert "A reply that stays." in page
    assert "I will regret this." not in page


def test_deleted_comment_without_replies_disappears(reader_client, reader, article, post):
    comment = post(article, reader, "Gone soon.")
    reader_client.post(comment_action("comment_delete", comment))
    page = reader_client.get(article.get_absolute_url()).content.decode()
    assert "Gone soon." not in page and "[comment removed]" not in page
    assert "Be the first to share your thoughts." in page


def test_editing_another_readers_comment_is_403(reader_client, other_reader, article, post):
    theirs = post(article, other_reader, "Mine, not yours.")
    response = reader_client.post(comment_action("comment_edit", theirs), {"body": "Hijacked"})
    assert response.status_code == 403
    assert reader_client.get(comment_action("comment_edit", theirs)).status_code == 403
    theirs.refresh_from_db()
    assert theirs.body == "Mine, not yours."


def test_deleting_another_readers_comment_is_403(reader_client, other_reader, article, post):
    theirs = post(article, other_reader)
    response = reader_client.post(comment_action("comment_delete", theirs))
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == Comment.Status.VISIBLE


def test_factory_comment_on_another_article_is_404_for_every_action(reader_client, reader):
    comment = CommentFactory(author=reader)
    other = ArticleFactory()
    for name in ["comment_edit", "comment_delete", "comment_report", "comment_permalink"]:
        url = reverse(f"discussion:{name}", args=[other.pk, comment.pk])
        assert reader_client.get(url).status_code == 404
