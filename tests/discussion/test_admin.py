"""Editors moderate in the admin: the queue, bulk approve, hide and delete, and bans."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from discussion import services
from discussion.models import Ban, Comment
from tests.accounts.factories import EditorFactory, ReaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    editor = EditorFactory(display_name="Desk Editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reported(article, reader, post):
    comment = post(article, reader, "Reported once.")
    services.comment_report(comment=comment, reporter=ReaderFactory())
    return comment


def run_action(client, model, action, comments):
    return client.post(
        reverse(f"admin:discussion_{model}_changelist"),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )


def test_editors_group_can_moderate_and_ban_but_not_change_accounts(editor):
    assert editor.has_perm("discussion.view_comment")
    assert editor.has_perm("discussion.moderate_comment")
    assert editor.has_perm("discussion.view_moderationqueueitem")
    assert editor.has_perm("discussion.view_report")
    assert editor.has_perm("discussion.add_ban") and editor.has_perm("discussion.delete_ban")
    assert editor.has_perm("accounts.view_user")
    assert not editor.has_perm("accounts.change_user")
    assert not editor.has_perm("accounts.delete_comment")


def test_queue_lists_reported_and_hidden_comments_only(
    editor_client, article, reader, post, reported
):
    post(article, reader, "Nobody minds this one.")
    hidden = post(article, reader, "Hidden by an editor.")
    services.comments_hide(comments=[hidden])
    response = editor_client.get(reverse("admin:discussion_moderationqueueitem_changelist"))
    html = response.content.decode()
    assert "Reported once." in html and "Hidden by an editor." in html
    assert "Nobody minds this one." not in html


def test_queue_query_count_is_fixed(
    editor_client, article, reader, post, django_assert_max_num_queries
):
    # Guards the N+1 on each row's author and article.
    for number in range(20):
        comment = post(article, reader, f"Reported {number}.")
        services.comment_report(comment=comment, reporter=ReaderFactory())
    with django_assert_max_num_queries(12):
        response = editor_client.get(reverse("admin:discussion_moderationqueueitem_changelist"))
    assert response.status_code == 200


def test_bulk_hide_approve_and_delete(editor_client, article, reader, post):
    comments = [post(article, reader, f"Comment {n}.") for n in range(3)]
    run_action(editor_client, "comment", "hide", comments)
    assert set(Comment.objects.values_list("status", flat=True)) == {"hidden"}
    run_action(editor_client, "moderationqueueitem", "approve", comments[:2])
    assert Comment.objects.visible().count() == 2
    response = run_action(editor_client, "comment", "remove", comments)
    assert "Removed 3 comment(s)." in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {"removed"}
    article.refresh_from_db()
    assert article.comment_count == 0


def test_ban_the_author_from_the_queue(editor_client, editor, reader, reported):
    run_action(editor_client, "moderationqueueitem", "ban_authors", [reported])
    ban = Ban.objects.get(user=reader)
    assert ban.banned_by == editor
    reported.refresh_from_db()
    assert reported.status == Comment.Status.HIDDEN


def test_adding_a_ban_in_admin_hides_the_readers_comments(
    editor_client, editor, article, reader, post
):
    post(article, reader, "Soon hidden.")
    response = editor_client.post(
        reverse("admin:discussion_ban_add"), {"user": reader.pk, "reason": "Harassment"}
    )
    assert response.status_code == 302
    ban = Ban.objects.get(user=reader)
    assert (ban.reason, ban.banned_by) == ("Harassment", editor)
    assert not Comment.objects.filter(author=reader).visible().exists()


def test_comments_are_read_only_and_cannot_be_hard_deleted(editor_client, reported):
    html = editor_client.get(reverse("admin:discussion_comment_changelist")).content.decode()
    assert "delete_selected" not in html
    change = editor_client.get(reverse("admin:discussion_comment_change", args=[reported.pk]))
    assert change.status_code == 200
    assert 'name="body"' not in change.content.decode()


def test_readers_cannot_reach_the_queue(client, reader):
    client.force_login(reader)
    response = client.get(reverse("admin:discussion_moderationqueueitem_changelist"))
    assert response.status_code in {302, 403}


def test_the_readers_list_shows_bans_and_bans_from_there(editor_client, article, reader, post):
    post(article, reader, "Shown until the ban.")
    response = editor_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "ban_from_commenting", "_selected_action": [reader.pk]},
        follow=True,
    )
    assert "Banned 1 reader(s) from commenting." in response.content.decode()
    assert Ban.objects.filter(user=reader).exists()
    assert not Comment.objects.filter(author=reader).visible().exists()
    listing = editor_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "column-is_banned" in listing
