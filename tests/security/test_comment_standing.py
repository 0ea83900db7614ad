"""A comment's author may edit it only while they may still take part in discussions.

A ban hides a reader's comments, but an editor may show one again (Approve in the moderation
queue), and an address can lose its verification (an administrator's correction): the text
of such a comment stays as it was approved, whatever its author would like it to say now.
"""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from discussion import services
from discussion.models import Comment
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def edit_url(comment):
    return reverse("discussion:comment_edit", args=[comment.article_id, comment.pk])


@pytest.fixture
def author(client):
    reader = ReaderFactory()
    client.force_login(reader)
    return reader


@pytest.fixture
def comment(author):
    return services.comment_create(article=ArticleFactory(), author=author, body="As approved.")


def lose_standing(how, author, comment):
    if how == "banned":
        services.reader_ban(user=author)
        services.comments_approve(comments=[comment])  # an editor shows it again
    else:
        EmailAddress.objects.filter(user=author).update(verified=False)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("banned", "can no longer take part in discussions"),
        ("unverified", "verify your email address"),
    ],
)
def test_an_author_who_lost_their_standing_cannot_edit(client, author, comment, how, message):
    lose_standing(how, author, comment)
    assert client.get(edit_url(comment)).status_code == 403
    response = client.post(edit_url(comment), {"body": "Rewritten after the ban."})
    assert response.status_code == 403
    assert message in response.content.decode()
    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("As approved.", None)
    # The discussion offers no edit link either.
    page = client.get(comment.article.get_absolute_url()).content.decode()
    assert edit_url(comment) not in page


@pytest.mark.parametrize("how", ["banned", "unverified"])
def test_they_may_still_delete_their_own_words(client, author, comment, how):
    lose_standing(how, author, comment)
    url = reverse("discussion:comment_delete", args=[comment.article_id, comment.pk])
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED


def test_a_reader_in_good_standing_still_edits(client, author, comment):
    assert edit_url(comment) in client.get(comment.article.get_absolute_url()).content.decode()
    assert client.post(edit_url(comment), {"body": "Better said."}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Better said." and comment.edited_at is not None


@pytest.mark.parametrize("how", ["banned", "unverified"])
def test_the_service_refuses_too(author, comment, how):
    lose_standing(how, author, comment)
    with pytest.raises(services.CommentRefused) as refusal:
        services.comment_edit(comment=comment, user=author, body="Through another door.")
    assert refusal.value.code == how
