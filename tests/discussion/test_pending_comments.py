"""Anonymous readers write in the discussion form; their comment is posted once they have
signed in (or signed up and confirmed their address), once, and they land on it."""

import datetime
import functools
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussion import tasks
from discussion.models import Comment, PendingComment
from discussion.pending import SESSION_KEY
from tests.accounts.factories import ReaderFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request leaves for after its commit: the outbox sends its emails then."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def draft_url(article):
    return reverse("discussion:comment_draft", args=[article.pk])


def pending_url(article):
    return reverse("discussion:comment_pending", args=[article.pk])


def write(client, article, body="Written before signing in.", title="A first thought", **headers):
    return client.post(
        draft_url(article), {"title": title, "body": body}, headers=headers or ORIGIN
    )


def sign_in(client, reader, next_url):
    """Sign in as a browser does: the sign-in page's token, then the form."""
    page = client.get(reverse("account_login")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return client.post(
        reverse("account_login"),
        {
            "login": reader.email,
            "password": PASSWORD,
            "next": next_url,
            "csrfmiddlewaretoken": token,
        },
    )


def test_the_article_page_shows_anonymous_readers_the_form_without_a_csrf_token(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'action="{draft_url(article)}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert 'data-counter-for="comment-title" data-max="100">0/100<' in html
    assert 'data-counter-for="comment-body" data-max="1000">0/1000<' in html


def test_writing_keeps_the_text_and_goes_to_sign_in_then_it_is_posted_once(article):
    client = Client(enforce_csrf_checks=True)  # the form carries no token; Origin is enough
    response = write(client, article)
    assert response.status_code == 302
    pending = f"%2Faccounts%2Fcomments%2F{article.pk}%2Fpending%2F"
    assert response["Location"] == f"/accounts/login/?next={pending}"
    assert not Comment.objects.exists()
    login_page = client.get(response["Location"]).content.decode()
    assert f"Your comment on “{article.title}” is kept." in login_page
    assert "Written before signing in." in login_page

    reader = ReaderFactory(display_name="Ada Reader")
    signed_in = sign_in(client, reader, pending_url(article))
    assert signed_in["Location"] == pending_url(article)
    landed = client.get(pending_url(article))
    comment = Comment.objects.get()
    assert (comment.author, comment.title, comment.body) == (
        reader,
        "A first thought",
        "Written before signing in.",
    )
    assert landed["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(landed["Location"]).content.decode()
    assert f"Your comment on “{article.title}” is posted." in page
    assert '<h3 class="comment__title">A first thought</h3>' in page
    assert SESSION_KEY not in client.session

    # A refresh, and a second sign-in, find it posted.
    assert client.get(pending_url(article))["Location"] == landed["Location"]
    client.logout()
    sign_in(client, reader, pending_url(article))
    assert client.get(pending_url(article))["Location"] == landed["Location"]
    assert Comment.objects.count() == 1
    article.refresh_from_db()
    assert article.comment_count == 1


def test_signing_in_elsewhere_on_the_site_posts_it_too(client, article):
    write(client, article)
    reader = ReaderFactory()
    response = sign_in(client, reader, "/")
    assert response["Location"] == "/"
    assert Comment.objects.get().author == reader


def test_sign_up_then_the_confirmation_link_posts_it_and_lands_on_it(client, article, committed):
    write(client, article, body="My first comment, as a new reader.")
    with committed():
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "display_name": "New Reader",
                "password1": "a-long-and-unusual-passphrase",
                "password2": "a-long-and-unusual-passphrase",
                "next": pending_url(article),
            },
        )
    assert response["Location"] == reverse("account_email_verification_sent")
    sent = client.get(response["Location"]).content.decode()
    assert "it will be posted as soon as you confirm your email address" in sent
    assert not Comment.objects.exists()

    link = re.search(r"https?://\S+", mail.outbox[0].body).group()
    confirmed = client.post(link)
    comment = Comment.objects.get()
    assert comment.author.email == "new@example.com"
    assert comment.body == "My first comment, as a new reader."
    assert confirmed["Location"] == pending_url(article)
    landed = client.get(confirmed["Location"])
    assert landed["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert Comment.objects.count() == 1


def test_confirming_in_another_browser_posts_it_as_well(client, article, committed):
    write(client, article)
    with committed():
        client.post(
            reverse("account_signup"),
            {
                "email": "new@example.com",
                "display_name": "New Reader",
                "password1": "a-long-and-unusual-passphrase",
                "password2": "a-long-and-unusual-passphrase",
            },
        )
    link = re.search(r"https?://\S+", mail.outbox[0].body).group()
    phone = Client()
    phone.post(link)
    assert Comment.objects.get().author.email == "new@example.com"


def test_an_unverified_reader_signing_in_gets_it_posted_at_the_confirmation(
    client, article, committed
):
    reader = ReaderFactory(verified=False)
    write(client, article)
    with committed():
        response = sign_in(client, reader, pending_url(article))
    assert response["Location"] == reverse("account_email_verification_sent")
    page = client.get(response["Location"]).content.decode()
    assert "it will be posted as soon as you confirm your email address" in page
    assert not Comment.objects.exists()
    assert PendingComment.objects.waiting().get().author == reader

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group()
    Client().post(link)  # on their phone
    assert Comment.objects.get().author == reader
    assert not PendingComment.objects.waiting().exists()


def test_a_post_the_browser_does_not_say_is_ours_is_shown_back_with_a_token(article):
    client = Client(enforce_csrf_checks=True)
    response = write(client, article, **{"Origin": "https://elsewhere.example"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please send your comment once more." in html
    assert "csrfmiddlewaretoken" in html
    assert ">\nWritten before signing in.</textarea>" in html
    assert SESSION_KEY not in client.session
    # Sent again from that page, with its token, it is kept.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    again = client.post(
        draft_url(article),
        {"title": "", "body": "Written before signing in.", "csrfmiddlewaretoken": token},
    )
    assert again.status_code == 302
    assert list(client.session[SESSION_KEY]) == [str(article.pk)]


def test_a_null_origin_is_not_ours(article):
    response = write(Client(enforce_csrf_checks=True), article, **{"Origin": "null"})
    assert "Please send your comment once more." in response.content.decode()


def test_same_origin_by_fetch_metadata_is_enough(article):
    client = Client(enforce_csrf_checks=True)
    response = write(client, article, **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302


def test_too_long_title_and_comment_are_errors_and_the_text_is_kept(client, article):
    response = write(client, article, title="t" * 101, body="b" * 1001)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Title can be at most 100 characters long; yours has 101." in html
    assert "Comment can be at most 1,000 characters long; yours has 1,001." in html
    assert 'value="' + "t" * 101 + '"' in html
    assert SESSION_KEY not in client.session


def test_exactly_100_and_1000_characters_are_kept_and_posted(client, article):
    write(client, article, title="t" * 100, body="b" * 1000)
    sign_in(client, ReaderFactory(), pending_url(article))
    comment = Comment.objects.get()
    assert (len(comment.title), len(comment.body)) == (100, 1000)


def test_a_signed_in_reader_posting_the_cached_form_confirms_with_their_own(client, article):
    client.force_login(ReaderFactory())
    response = write(client, article)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("discussion:comment_post", args=[article.pk])}"' in html
    assert "csrfmiddlewaretoken" in html
    assert not Comment.objects.exists()


def test_closed_comments_keep_nothing(client, article):
    article.comments_closed = True
    article.save()
    response = write(client, article)
    assert response.status_code == 403
    assert "Comments are closed on this article." in response.content.decode()


def test_closed_before_signing_in_shows_the_text_to_copy(client, article):
    write(client, article)
    article.comments_closed = True
    article.save()
    sign_in(client, ReaderFactory(), pending_url(article))
    response = client.get(pending_url(article))
    assert response.status_code == 403
    assert ">\nWritten before signing in.</textarea>" in response.content.decode()
    assert not Comment.objects.exists()


def test_writing_is_limited_per_client_address(client, article, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment_draft": "2/10m/ip"}
    assert write(client, article).status_code == 302
    assert write(client, article).status_code == 302
    response = write(client, article, body="The third.")
    assert response.status_code == 429
    assert ">\nThe third.</textarea>" in response.content.decode()


def test_a_later_draft_on_the_same_article_replaces_the_first(client, article):
    write(client, article, body="First version.")
    write(client, article, body="Second version.")
    sign_in(client, ReaderFactory(), pending_url(article))
    assert Comment.objects.get().body == "Second version."


def test_a_draft_stays_while_the_session_lives(client, article):
    write(client, article)
    later = timezone.now() + datetime.timedelta(days=3)
    with time_machine.travel(later):
        client.get(article.get_absolute_url())
        assert "Written before signing in." in client.get(reverse("account_login")).content.decode()


def test_stale_pending_comments_are_purged(client, article):
    reader = ReaderFactory(verified=False)
    write(client, article)
    sign_in(client, reader, pending_url(article))
    assert PendingComment.objects.count() == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6)):
        tasks.purge_pending_comments.delay()
        assert PendingComment.objects.count() == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        tasks.purge_pending_comments.delay()
        assert not PendingComment.objects.exists()


def test_a_stale_draft_in_a_session_is_not_posted(client, article):
    write(client, article)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        sign_in(client, ReaderFactory(), pending_url(article))
    assert not Comment.objects.exists()


def test_the_article_page_costs_no_query_more_with_the_form_and_a_draft_kept(
    client, article, django_assert_num_queries
):
    # Guards the cached page: the form reads nothing per reader, and a reader with a draft
    # in their session is served the cached page after their session's one query.
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(article.get_absolute_url()).status_code == 200
    write(client, article)
    with django_assert_num_queries(1):  # the session, for its flash messages
        response = client.get(article.get_absolute_url())
    assert f'action="{draft_url(article)}"' in response.content.decode()
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_signed_in_reader_yet_to_confirm_writes_and_it_is_posted_at_the_confirmation(
    client, article, committed
):
    reader = ReaderFactory(verified=False)
    client.force_login(reader)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Please verify your email address" in page
    assert 'name="body"' in page and 'name="title"' in page  # the same form as everyone's

    post = reverse("discussion:comment_post", args=[article.pk])
    response = client.post(post, {"title": "Early", "body": "Before confirming."}, follow=True)
    assert "it will be posted as soon as you confirm your email address" in (
        response.content.decode()
    )
    assert not Comment.objects.exists()
    assert PendingComment.objects.waiting().get().body == "Before confirming."

    with committed():
        client.post(reverse("account_email"), {"email": reader.email, "action_send": ""})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group()
    Client().post(link)
    Client().post(link)  # a second click posts nothing more
    comment = Comment.objects.get()
    assert (comment.author, comment.title, comment.body) == (reader, "Early", "Before confirming.")


def test_a_signed_in_reader_yet_to_confirm_gets_form_errors_and_keeps_the_text(client, article):
    client.force_login(ReaderFactory(verified=False))
    post = reverse("discussion:comment_post", args=[article.pk])
    response = client.post(post, {"title": "", "body": "x" * 1001})
    assert response.status_code == 200
    assert "x" * 1001 in response.content.decode()
    assert not PendingComment.objects.exists()
