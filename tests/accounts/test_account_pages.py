"""Sign-up, verification, sign-in, password reset, settings, profile and account deletion."""

import functools
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from discussion.models import Comment, Report
from tests.accounts.factories import EditorFactory, ReaderFactory, totp_code
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def sign_up(client, **overrides):
    data = {
        "email": "new@example.com",
        "display_name": "New Reader",
        "password1": "a-long-and-unusual-passphrase",
        "password2": "a-long-and-unusual-passphrase",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a request leaves for after its commit: the outbox sends its emails then."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def link_in(message):
    return re.search(r"https?://\S+", message.body).group()


def test_sign_up_form_asks_for_a_display_name_with_a_counter(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert 'name="display_name"' in html
    assert 'data-counter-for="id_display_name" data-max="100">0/100<' in html
    assert 'style="' not in html  # the honeypot is hidden by the stylesheet


def test_sign_up_saves_display_name_and_sends_verification_in_html_and_text(client, committed):
    with committed():
        response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    reader = User.objects.get(email="new@example.com")
    assert reader.display_name == "New Reader"
    assert not EmailAddress.objects.get(user=reader).verified
    [message] = mail.outbox
    assert message.subject == "Veridact: Confirm your email address"
    assert "/accounts/confirm-email/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Confirm my address" in html and link_in(message) in html


def test_verification_link_verifies_and_signs_in(client, committed):
    with committed():
        sign_up(client)
    url = link_in(mail.outbox[0])
    page = client.get(url)
    assert "Confirm your email address" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new@example.com").verified
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_sign_up_from_the_discussion_returns_there_once_verified(client, committed):
    article = ArticleFactory()
    discussion = f"{article.get_absolute_url()}#discussion"
    with committed():
        sign_up(client, next=discussion)
    response = client.post(link_in(mail.outbox[0]))
    assert response["Location"] == discussion


def test_sign_up_without_display_name_is_an_error(client):
    response = sign_up(client, display_name="   ")
    assert "Write your display name before sending it." in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_with_a_101_character_display_name_is_an_error(client):
    response = sign_up(client, display_name="d" * 101)
    assert "Display name can be at most 100 characters long; yours has 101." in (
        response.content.decode()
    )
    assert 'value="' + "d" * 101 + '"' in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_with_the_deleted_user_name_is_refused(client):
    response = sign_up(client, display_name="[Deleted User]")
    assert "Choose another display name." in response.content.decode()


def test_sign_up_with_a_taken_address_does_not_reveal_it(client, committed):
    ReaderFactory(email="taken@example.com")
    with committed():
        response = sign_up(client, email="taken@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email="taken@example.com").count() == 1
    [message] = mail.outbox
    assert message.to == ["taken@example.com"]
    assert "already has one" in message.body
    assert "You already have an account" in message.alternatives[0][0]


def test_honeypot_filled_in_creates_nothing_but_looks_like_success(client):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 302
    assert not User.objects.exists()
    assert not mail.outbox


def test_sign_ups_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for number in range(2):
        assert sign_up(client, email=f"n{number}@example.com").status_code == 302
    response = sign_up(client, email="n3@example.com")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert User.objects.count() == 2


def test_sign_in_with_email_and_password(client, reader):
    response = client.post(reverse("account_login"), {"login": reader.email, "password": PASSWORD})
    assert response.status_code == 302
    header = client.get(reverse("accounts:settings")).content.decode()
    assert "Ada Reader" in header and "Sign Out" in header


def test_unverified_reader_cannot_sign_in_until_verified(client):
    unverified = ReaderFactory(verified=False)
    response = client.post(
        reverse("account_login"), {"login": unverified.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post(reader_client):
    response = reader_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in reader_client.session


def test_password_reset_email_is_html_and_text_and_does_not_reveal_accounts(
    client, reader, committed
):
    with committed():
        client.post(reverse("account_reset_password"), {"email": reader.email})
        client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    known, unknown = mail.outbox
    assert known.subject == "Veridact: Reset your password"
    assert "/accounts/password/reset/key/" in known.body
    assert "Choose a new password" in known.alternatives[0][0]
    assert unknown.to == ["nobody@example.com"]
    assert "no account with that address" in unknown.body


def test_password_reset_link_sets_a_new_password(client, reader, committed):
    with committed():
        client.post(reverse("account_reset_password"), {"email": reader.email})
    url = link_in(mail.outbox[0])
    form = client.get(url, follow=True)
    assert "Choose a new password" in form.content.decode()
    client.post(
        form.redirect_chain[-1][0],
        {"password1": "another-long-passphrase", "password2": "another-long-passphrase"},
    )
    reader.refresh_from_db()
    assert reader.check_password("another-long-passphrase")


def test_password_resets_are_rate_limited_per_address(client, reader, committed):
    with committed():
        for _ in range(4):
            client.post(reverse("account_reset_password"), {"email": reader.email})
    assert len(mail.outbox) == 3


def test_change_password_sends_a_notification(reader_client, reader, committed):
    with committed():
        reader_client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "fresh-long-passphrase",
                "password2": "fresh-long-passphrase",
            },
        )
    reader.refresh_from_db()
    assert reader.check_password("fresh-long-passphrase")
    [message] = mail.outbox
    assert message.subject == "Veridact: Your password was changed"
    assert "Your password was changed." in message.alternatives[0][0]


def test_change_email_sends_a_link_to_the_new_address(reader_client, reader, committed):
    with committed():
        reader_client.post(
            reverse("account_email"), {"action_add": "", "email": "moved@example.com"}
        )
    assert EmailAddress.objects.filter(email="moved@example.com", verified=False).exists()
    assert mail.outbox[-1].to == ["moved@example.com"]
    page = reader_client.get(reverse("account_email")).content.decode()
    assert "moved@example.com" in page and "waiting for you to open the link" in page


def test_every_account_page_wears_the_site_shell(reader_client):
    for name in ["account_login", "account_signup", "account_reset_password"]:
        html = Client().get(reverse(name)).content.decode()
        assert 'class="site-header"' in html and 'class="wrap account-page"' in html
    for name in ["account_email", "account_change_password", "account_logout"]:
        html = reader_client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in html and 'class="wrap account-page"' in html


def test_settings_need_sign_in(client):
    response = client.get(reverse("accounts:settings"))
    assert response["Location"].startswith(reverse("account_login"))


def test_settings_show_profile_email_password_newsletter_and_delete(reader_client, reader):
    html = reader_client.get(reverse("accounts:settings")).content.decode()
    assert 'value="Ada Reader"' in html
    assert reader.email in html and "Verified" in html
    assert reverse("account_change_password") in html and reverse("account_email") in html
    assert 'id="newsletter-title"' in html
    assert reverse("accounts:delete") in html
    assert 'data-counter-for="id_display_name" data-max="100">10/100<' in html


def test_settings_update_display_name_and_bio(reader_client, reader):
    response = reader_client.post(
        reverse("accounts:settings"), {"display_name": "  Ada  L. ", "bio": "Reads a lot."}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert (reader.display_name, reader.bio) == ("Ada L.", "Reads a lot.")


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


def test_profile_lists_the_readers_visible_comments_and_their_record(client, reader, post):
    article = ArticleFactory(title="Chips in 2027")
    visible = post(article, reader, "A visible comment.")
    gone = post(article, reader, "A removed comment.")
    from discussion import services

    services.comment_delete(comment=gone, user=reader)
    unpublished = ArticleFactory(title="Taken down")
    post(unpublished, reader, "On an article taken down later.")
    unpublished.status = unpublished.Status.DRAFT
    unpublished.save()
    html = client.get(reverse("accounts:profile", args=[reader.pk])).content.decode()
    assert "Ada Reader" in html and "A visible comment." in html and "Chips in 2027" in html
    assert "A removed comment." not in html
    assert "Taken down" not in html
    # The cached page says when, not how long ago (static/js/site.js says that).
    written = timezone.localtime(visible.created_at)
    assert f"data-relative>{written:%-d %B %Y, %H:%M} UTC</time>" in html


def test_profile_shows_a_comment_s_title(client, reader):
    from discussion import services

    services.comment_create(
        article=ArticleFactory(), author=reader, title="On the launch date", body="Too early."
    )
    html = client.get(reverse("accounts:profile", args=[reader.pk])).content.decode()
    assert '<h3 class="comment__title">On the launch date</h3>' in html


def test_profile_query_count_does_not_grow_with_comments(
    client, reader, post, django_assert_num_queries
):
    # Guards the N+1 on each comment's article and category.
    for number in range(25):
        post(ArticleFactory(), reader, f"Comment {number}")
    # the reader, the count, the page; the forecasting record (scores by bin, latest scores).
    with django_assert_num_queries(5):
        client.get(reverse("accounts:profile", args=[reader.pk]))


def test_profile_of_a_deleted_or_missing_reader_is_404(client, reader):
    from accounts import services

    services.account_delete(user=reader)
    assert client.get(reverse("accounts:profile", args=[reader.pk])).status_code == 404
    assert client.get(reverse("accounts:profile", args=[999_999])).status_code == 404


def test_delete_account_needs_the_password(reader_client, reader):
    response = reader_client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    reader.refresh_from_db()
    assert reader.is_active and reader.deleted_at is None


def test_delete_account_removes_personal_data_and_keeps_comments(
    reader_client, reader, other_reader, article, post
):
    mine = post(article, reader, "I was here.")
    theirs = post(article, other_reader, "Me too.")
    from discussion import services

    services.comment_report(comment=theirs, reporter=reader)
    response = reader_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.deleted_at is not None and not reader.is_active
    assert reader.display_name == "" and reader.bio == ""
    assert "ada" not in reader.email and reader.email.endswith("@deleted.invalid")
    assert not reader.has_usable_password()
    assert not EmailAddress.objects.filter(user=reader).exists()
    assert not Report.objects.filter(reporter=reader).exists()
    assert Comment.objects.get(pk=mine.pk).author_name == "[deleted user]"
    assert "_auth_user_id" not in reader_client.session
    page = reader_client.get(article.get_absolute_url()).content.decode()
    assert "[deleted user]" in page and "I was here." in page


def test_editors_cannot_delete_their_account_themselves(client):
    editor = EditorFactory()
    client.force_login(editor)
    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 403


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_admin_lets_verified_staff_in_and_turns_readers_away(client, reader):
    client.force_login(reader)
    assert client.get("/admin/login/").status_code == 403
    editor = EditorFactory(is_superuser=True)
    staff_client = Client()
    staff_client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    staff_client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert staff_client.get("/admin/").status_code == 200


def test_cached_profile_goes_when_the_account_is_deleted(
    client, reader, django_capture_on_commit_callbacks
):
    from accounts import services

    url = reverse("accounts:profile", args=[reader.pk])
    assert "Ada Reader" in client.get(url).content.decode()
    assert "public" in client.get(url)["Cache-Control"]  # served from the page cache
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=reader)
    assert client.get(url).status_code == 404


def test_cached_profile_shows_a_new_bio(client, reader, django_capture_on_commit_callbacks):
    from accounts import services

    url = reverse("accounts:profile", args=[reader.pk])
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        services.profile_update(user=reader, display_name=reader.display_name, bio="New bio.")
    assert "New bio." in client.get(url).content.decode()
