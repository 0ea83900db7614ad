"""Replies and links to a comment: a reply goes under its thread, on the page that holds it;
one level deep, on the same article, from verified readers."""

import pytest
from django.urls import reverse

from discussion.models import Comment, PendingComment
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory
from tests.discussion.factories import CommentFactory
from tests.discussion.links import comment_action

pytestmark = pytest.mark.django_db


def test_reply_goes_under_its_thread(reader_client, other_reader, article, post):
    thread = post(article, other_reader, "Top.")
    url = reverse("discussion:comment_reply", args=[article.pk, thread.pk])
    response = reader_client.post(url, {"body": "Indeed."})
    reply = Comment.objects.get(parent=thread)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    article.refresh_from_db()
    assert article.comment_count == 2


def test_reply_on_a_later_page_redirects_to_that_page(reader_client, reader, article, post):
    thread = post(article, reader, "Oldest thread.")
    for number in range(50):
        post(article, reader, f"Newer {number}.")
    url = reverse("discussion:comment_reply", args=[article.pk, thread.pk])
    response = reader_client.post(url, {"body": "Late reply."})
    reply = Comment.objects.get(parent=thread)
    assert response["Location"] == f"{article.get_absolute_url()}?comments=2#comment-{reply.pk}"


def test_permalink_redirects_to_the_page_holding_the_comment(client, reader, article, post):
    first = post(article, reader, "Oldest.")
    for number in range(50):
        post(article, reader, f"Newer {number}.")
    response = client.get(comment_action("comment_permalink", first))
    assert response["Location"] == f"{article.get_absolute_url()}?comments=2#comment-{first.pk}"


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


def test_reply_to_a_comment_on_another_article_is_404(reader_client, other_reader, post):
    elsewhere = post(ArticleFactory(), other_reader)
    article = ArticleFactory()
    url = reverse("discussion:comment_reply", args=[article.pk, elsewhere.pk])
    assert reader_client.post(url, {"body": "Lost?"}).status_code == 404


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
