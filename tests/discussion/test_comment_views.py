"""Posting, replying, editing, deleting and reporting through the views, with every bad input."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussion.models import Comment, PendingComment, Report
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.discussion.factories import CommentFactory, EstablishedReaderFactory

pytestmark = pytest.mark.django_db


def post_url(article):
    return reverse("discussion:comment_post", args=[article.pk])


def comment_action(name, comment):
    return reverse(f"discussion:{name}", args=[comment.article_id, comment.pk])


def test_posting_saves_counts_and_goes_to_the_comment(reader_client, reader, article):
    response = reader_client.post(post_url(article), {"body": "First!\nSecond line."})
    comment = Comment.objects.get()
    assert (comment.author, comment.body) == (reader, "First!\nSecond line.")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    article.refresh_from_db()
    assert article.comment_count == 1


def test_posted_comment_is_on_the_article_page(reader_client, article):
    reader_client.post(post_url(article), {"body": "Visible on the page."})
    response = reader_client.get(article.get_absolute_url())
    assert "Visible on the page." in response.content.decode()
    assert "Your comment is posted." in response.content.decode()


# Bad input and its answer


def test_1001_characters_is_an_error_naming_the_limit_and_the_text_is_kept(reader_client, article):
    text = "x" * 1001
    response = reader_client.post(post_url(article), {"body": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Comment can be at most 1,000 characters long; yours has 1,001." in html
    assert f">\n{text}</textarea>" in html
    assert not Comment.objects.exists()


def test_exactly_1000_characters_is_accepted(reader_client, article):
    reader_client.post(post_url(article), {"body": "y" * 1000})
    assert len(Comment.objects.get().body) == 1000


def test_whitespace_only_is_an_error(reader_client, article):
    response = reader_client.post(post_url(article), {"body": " \n\t \r\n \u00a0 "})
    assert response.status_code == 200
    assert "Write your comment before sending it." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("character", ["😀", "漢", "👍🏽"[0]])
def test_1000_emoji_or_cjk_characters_are_accepted(reader_client, article, character):
    text = character * 1000
    assert len(text.encode()) > 1000  # many more bytes than characters
    response = reader_client.post(post_url(article), {"body": text})
    assert response.status_code == 302
    assert Comment.objects.get().body == text


def test_1001_cjk_characters_are_refused(reader_client, article):
    response = reader_client.post(post_url(article), {"body": "漢" * 1001})
    assert "yours has 1,001" in response.content.decode()
    assert not Comment.objects.exists()


def test_nul_and_control_characters_are_stripped_never_a_500(reader_client, article):
    response = reader_client.post(post_url(article), {"body": "Hel\x00lo\x07 there\x1b\x7f!"})
    assert response.status_code == 302
    assert Comment.objects.get().body == "Hello there!"


def test_invalid_utf8_is_never_a_500(reader_client, article):
    response = reader_client.post(
        post_url(article),
        b"body=%FF%FE%00ok",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == "\ufffd\ufffdok"  # undecodable bytes replaced, NUL gone


def test_only_control_characters_is_an_error_not_a_500(reader_client, article):
    response = reader_client.post(post_url(article), {"body": "\x00\x01\x02"})
    assert response.status_code == 200
    assert "Write your comment before sending it." in response.content.decode()
    assert not Comment.objects.exists()


def test_script_and_img_onerror_are_shown_as_text(reader_client, article, client, post, reader):
    body = '<script>alert("x")</script> "><img src=x onerror=alert(1)>'
    post(article, reader, body)
    html = Client().get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html and '<script>alert("x")' not in html


def test_no_csrf_token_is_403_and_nothing_is_saved(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    article = ArticleFactory()
    response = client.post(post_url(article), {"body": "Sneaky."})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_anonymous_post_redirects_to_sign_in_and_nothing_is_saved(client, article):
    response = client.post(post_url(article), {"body": "Who am I?"})
    assert response.status_code == 302
    login = reverse("account_login")
    assert response["Location"].startswith(f"{login}?next=")
    assert "%23discussion" in response["Location"]
    assert not Comment.objects.exists()


def test_unverified_reader_s_comment_is_kept_until_they_confirm(client, article):
    unverified = ReaderFactory(verified=False)
    client.force_login(unverified)
    response = client.post(post_url(article), {"body": "Let me in."})
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#discussion"
    assert not Comment.objects.exists()
    assert PendingComment.objects.waiting().get().body == "Let me in."


def test_unverified_reader_replying_gets_a_verification_prompt_and_nothing_is_saved(
    client, article
):
    parent = CommentFactory(article=article)
    client.force_login(ReaderFactory(verified=False))
    response = client.post(
        reverse("discussion:comment_reply", args=[article.pk, parent.pk]), {"body": "Let me in."}
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Please verify your email address before joining the discussion." in html
    assert "Send the link again" in html
    assert ">\nLet me in.</textarea>" in html
    assert Comment.objects.count() == 1
    assert not PendingComment.objects.exists()


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_comment_on_a_draft_or_scheduled_article_is_404(reader_client, trait):
    hidden = ArticleFactory(**{trait: True})
    response = reader_client.post(post_url(hidden), {"body": "Early bird."})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_on_a_missing_article_is_404(reader_client):
    response = reader_client.post(reverse("discussion:comment_post", args=[999_999]), {"body": "?"})
    assert response.status_code == 404


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


def test_display_name_of_101_characters_is_an_error(reader_client, reader):
    response = reader_client.post(
        reverse("accounts:settings"), {"display_name": "n" * 101, "bio": ""}
    )
    assert response.status_code == 200
    assert "Display name can be at most 100 characters long; yours has 101." in (
        response.content.decode()
    )
    reader.refresh_from_db()
    assert reader.display_name == "Ada Reader"


def test_replying_to_a_reply_is_refused_cleanly(reader_client, reader, other_reader, article, post):
    thread = post(article, other_reader, "Top.")
    reply = post(article, reader, "Reply.", parent=thread)
    url = reverse("discussion:comment_reply", args=[article.pk, reply.pk])
    response = reader_client.post(url, {"body": "Reply to the reply."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "You can reply to a comment, but not to a reply." in html
    assert ">\nReply to the reply.</textarea>" in html
    assert Comment.objects.count() == 2


# The rest of the discussion's rules


def test_reply_goes_under_its_thread(reader_client, other_reader, article, post):
    thread = post(article, other_reader, "Top.")
    url = reverse("discussion:comment_reply", args=[article.pk, thread.pk])
    response = reader_client.post(url, {"body": "Indeed."})
    reply = Comment.objects.get(parent=thread)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    article.refresh_from_db()
    assert article.comment_count == 2


def test_reply_to_a_comment_on_another_article_is_404(reader_client, other_reader, post):
    elsewhere = post(ArticleFactory(), other_reader)
    article = ArticleFactory()
    url = reverse("discussion:comment_reply", args=[article.pk, elsewhere.pk])
    assert reader_client.post(url, {"body": "Lost?"}).status_code == 404


def test_comments_closed_refuses_and_keeps_the_text(reader_client, article):
    article.comments_closed = True
    article.save()
    response = reader_client.post(post_url(article), {"body": "Too late?"})
    assert response.status_code == 403
    assert "Comments are closed on this article." in response.content.decode()
    assert ">\nToo late?</textarea>" in response.content.decode()
    assert not Comment.objects.exists()


def test_banned_reader_is_refused(reader_client, reader, article):
    from discussion import services

    services.reader_ban(user=reader)
    response = reader_client.post(post_url(article), {"body": "Again."})
    assert response.status_code == 403
    assert "can no longer take part" in response.content.decode()
    assert not Comment.objects.exists()


def test_over_the_rate_limit_shows_a_clear_message_and_keeps_the_text(
    limit_windows, reader_client, article, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "2/10m/user,50/d/user"}
    for number in range(2):
        assert reader_client.post(post_url(article), {"body": f"n{number}"}).status_code == 302
    response = reader_client.post(post_url(article), {"body": "One too many."})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert "You can post at most 2 comments in 10 minutes." in html
    assert ">\nOne too many.</textarea>" in html
    assert Comment.objects.count() == 2


def test_the_daily_limit_applies_too(limit_windows, reader_client, article, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "5/10m/user,1/d/user"}
    reader_client.post(post_url(article), {"body": "Once."})
    response = reader_client.post(post_url(article), {"body": "Twice."})
    assert response.status_code == 429
    assert "You can post at most 1 comment a day." in response.content.decode()


def test_cache_down_still_posts_the_comment_never_a_500(
    limits_cache_down, reader_client, article, caplog
):
    url = post_url(article)
    for number in range(7):
        response = reader_client.post(url, {"body": f"Number {number}"})
        assert response.status_code == 302
    assert Comment.objects.count() == 7
    assert "cache is unavailable" in caplog.text


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


def test_report_once_each(reader_client, reader, other_reader, article, post):
    theirs = post(article, other_reader, "Questionable.")
    url = comment_action("comment_report", theirs)
    assert "What is wrong with this comment?" in reader_client.get(url).content.decode()
    reader_client.post(url, {"reason": "spam"})
    response = reader_client.post(url, {"reason": "abuse"}, follow=True)
    assert "You have already reported that comment." in response.content.decode()
    assert Report.objects.get().reason == "spam"
    theirs.refresh_from_db()
    assert theirs.report_count == 1 and theirs.needs_review


def test_three_trusted_reports_hide_the_comment_until_an_editor_looks(
    other_reader, article, post, client
):
    theirs = post(article, other_reader, "Really questionable.")
    for _ in range(3):
        client.force_login(EstablishedReaderFactory())
        client.post(comment_action("comment_report", theirs), {"reason": "abuse"})
    theirs.refresh_from_db()
    assert theirs.status == Comment.Status.HIDDEN
    article.refresh_from_db()
    assert article.comment_count == 0
    assert "Really questionable." not in Client().get(article.get_absolute_url()).content.decode()


def test_reporting_ones_own_comment_is_403(reader_client, reader, article, post):
    mine = post(article, reader)
    assert reader_client.post(comment_action("comment_report", mine)).status_code == 403
    assert not Report.objects.exists()


def test_unverified_reader_cannot_report(client, other_reader, article, post):
    theirs = post(article, other_reader)
    client.force_login(ReaderFactory(verified=False))
    response = client.post(comment_action("comment_report", theirs), {"reason": "spam"})
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_permalink_redirects_to_the_page_holding_the_comment(client, reader, article, post):
    first = post(article, reader, "Oldest.")
    for number in range(50):
        post(article, reader, f"Newer {number}.")
    response = client.get(comment_action("comment_permalink", first))
    assert response["Location"] == f"{article.get_absolute_url()}?comments=2#comment-{first.pk}"


def test_reply_on_a_later_page_redirects_to_that_page(reader_client, reader, article, post):
    thread = post(article, reader, "Oldest thread.")
    for number in range(50):
        post(article, reader, f"Newer {number}.")
    url = reverse("discussion:comment_reply", args=[article.pk, thread.pk])
    response = reader_client.post(url, {"body": "Late reply."})
    reply = Comment.objects.get(parent=thread)
    assert response["Location"] == f"{article.get_absolute_url()}?comments=2#comment-{reply.pk}"


def test_get_of_the_post_url_shows_the_form_for_signed_in_readers(reader_client, article):
    response = reader_client.get(post_url(article))
    assert response.status_code == 200
    assert 'data-counter-for="comment-body"' in response.content.decode()


def test_factory_comment_on_another_article_is_404_for_every_action(reader_client, reader):
    comment = CommentFactory(author=reader)
    other = ArticleFactory()
    for name in ["comment_edit", "comment_delete", "comment_report", "comment_permalink"]:
        url = reverse(f"discussion:{name}", args=[other.pk, comment.pk])
        assert reader_client.get(url).status_code == 404
