"""Posting a comment through the view: what is saved and shown, every bad input and its
answer, who may post where, and the limits."""

import pytest
from django.test import Client
from django.urls import reverse

from discussion.models import Comment, PendingComment
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.discussion.links import post_url

pytestmark = pytest.mark.django_db


def test_posting_saves_counts_and_goes_to_the_comment(reader_client, reader, article):
    response = reader_client.post(post_url(article), {"body": "First!\nSecond line."})
    comment = Comment.objects.get()
    assert (comment.author, comment.body) == (reader, "First!\nSecond line.")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    article.refresh_from_db()
    assert article.comment_count == 1


def test_a_new_comment_in_a_long_discussion_goes_to_the_first_page(
    reader_client, reader, article, post
):
    for number in range(60):
        post(article, reader, f"Older {number}.")
    response = reader_client.post(post_url(article), {"body": "The newest thread."})
    comment = Comment.objects.get(body="The newest thread.")
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert f'id="comment-{comment.pk}"' in reader_client.get(response["Location"]).content.decode()


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


# Who may post, and where


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


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_comment_on_a_draft_or_scheduled_article_is_404(reader_client, trait):
    hidden = ArticleFactory(**{trait: True})
    response = reader_client.post(post_url(hidden), {"body": "Early bird."})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_on_a_missing_article_is_404(reader_client):
    response = reader_client.post(reverse("discussion:comment_post", args=[999_999]), {"body": "?"})
    assert response.status_code == 404


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


def test_get_of_the_post_url_shows_the_form_for_signed_in_readers(reader_client, article):
    response = reader_client.get(post_url(article))
    assert response.status_code == 200
    assert 'data-counter-for="comment-body"' in response.content.decode()


# Limits


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
