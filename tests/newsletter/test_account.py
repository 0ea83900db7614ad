"""Signed-in readers: one-click subscribe with a verified address, preferences, unsubscribe."""

import io
import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from newsletter.models import Notice, Subscriber
from tests.newsletter.factories import ArticleFactory, SubscriberFactory

ACCOUNT = "/newsletter/account/"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        email="Reader@Example.com", password="a-long-passphrase", display_name="Reader"
    )


@pytest.fixture
def verified(reader):
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    return reader


@pytest.fixture
def signed_in(verified):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.44")
    client.force_login(verified)
    return client


def post_with_csrf(client, path, data=None):
    page = client.get(ACCOUNT)
    token = page.context["csrf_token"]
    return client.post(path, {**(data or {}), "csrfmiddlewaretoken": str(token)})


def render_tag(user, path="/accounts/settings/"):
    request = RequestFactory().get(path)
    request.user = user
    template = Template("{% load newsletter_tags %}{% account_newsletter_preferences %}")
    return template.render(Context({"request": request, "csrf_token": "t0ken"}))


def test_an_unverified_reader_is_asked_to_verify_first(reader):
    html = render_tag(reader)
    assert "Verify your email address to subscribe" in html
    assert reverse("account_email") in html
    assert "newsletter/account/subscribe/" not in html


def test_a_verified_reader_gets_a_one_click_subscribe(verified, django_assert_num_queries):
    # Subscription by account, then by address, and the verified address.
    with django_assert_num_queries(4):
        html = render_tag(verified)
    assert 'action="/newsletter/account/subscribe/"' in html
    assert "reader@example.com" in html
    assert 'name="csrfmiddlewaretoken" value="t0ken"' in html
    assert 'name="next" value="/accounts/settings/"' in html


def test_one_click_subscribe_confirms_at_once_with_consent_and_a_welcome(
    signed_in, verified, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_with_csrf(
            signed_in, reverse("newsletter:account_subscribe"), {"next": "/accounts/settings/"}
        )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/settings/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.user == verified
    assert subscriber.is_confirmed()
    assert subscriber.consent_ip == "192.0.2.44"
    assert subscriber.consent_at is not None
    assert [n.kind for n in subscriber.notices.all()] == [Notice.Kind.WELCOME]
    assert mail.outbox[0].subject == "Welcome to the Veridact newsletter"


def test_account_endpoints_keep_csrf_protection(signed_in):
    assert signed_in.post(reverse("newsletter:account_subscribe")).status_code == 403
    assert not Subscriber.objects.exists()


def test_account_endpoints_need_a_signed_in_reader(client, db):
    response = client.post(reverse("newsletter:account_subscribe"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_one_click_subscribe_without_a_verified_address_changes_nothing(reader):
    client = Client()
    client.force_login(reader)
    response = client.post(reverse("newsletter:account_subscribe"), follow=True)
    assert "Verify your email address first" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_subscribed_reader_sees_and_edits_preferences(signed_in, verified, categories):
    SubscriberFactory(email="reader@example.com", categories=["tech"])
    page = signed_in.get(ACCOUNT)
    html = page.content.decode()
    assert "Digests go to" in html
    assert html.count("checked") == 2  # Tech and daily
    response = post_with_csrf(
        signed_in,
        reverse("newsletter:account_preferences"),
        {"categories": [categories["finance"].pk, categories["gaming"].pk], "frequency": "weekly"},
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert sorted(subscriber.categories.values_list("slug", flat=True)) == ["finance", "gaming"]
    assert subscriber.user is None  # found by verified address
    assert "Newsletter preferences saved." in signed_in.get(ACCOUNT).content.decode()


def test_invalid_preferences_are_shown_again_with_the_error(signed_in, verified):
    SubscriberFactory(email="reader@example.com")
    response = post_with_csrf(
        signed_in, reverse("newsletter:account_preferences"), {"frequency": "weekly", "next": "/x/"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one category" in html
    assert 'value="weekly" id="id_frequency_1" required checked' in html
    assert 'name="next" value="/x/"' in html


def test_unsubscribe_from_the_account(signed_in, verified):
    SubscriberFactory(email="reader@example.com", user=verified)
    response = post_with_csrf(signed_in, reverse("newsletter:account_unsubscribe"))
    assert response.status_code == 302
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    html = signed_in.get(ACCOUNT).content.decode()
    assert 'action="/newsletter/account/subscribe/"' in html


def test_next_must_stay_on_this_site(signed_in):
    response = post_with_csrf(
        signed_in, reverse("newsletter:account_subscribe"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == ACCOUNT


def dry_run_recipients():
    out = io.StringIO()
    call_command("send_digests", "--frequency", "daily", "--dry-run", stdout=out)
    return int(re.search(r"(\d+) subscribers would receive it", out.getvalue()).group(1))


def test_deleting_the_account_at_its_page_ends_its_subscriptions_and_pending_confirmations(
    signed_in, verified, django_capture_on_commit_callbacks
):
    ArticleFactory()
    EmailAddress.objects.create(user=verified, email="reader.work@example.com", verified=True)
    # Not proven theirs: whoever subscribed this address keeps their subscription.
    EmailAddress.objects.create(user=verified, email="maybe.mine@example.com", verified=False)
    SubscriberFactory(email="maybe.mine@example.com")
    SubscriberFactory(email="someone.else@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        post_with_csrf(signed_in, reverse("newsletter:account_subscribe"))
        Client().post("/newsletter/subscribe/", {"email": "Reader.Work@example.com"})
    confirmation = next(m for m in mail.outbox if m.to == ["reader.work@example.com"])
    confirm = urlsplit(re.search(r"https?://\S+/newsletter/confirm/\S+/", confirmation.body)[0])
    assert dry_run_recipients() == 3

    response = post_with_csrf(
        signed_in, reverse("accounts:delete"), {"password": "a-long-passphrase"}
    )

    assert response.status_code == 302
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "maybe.mine@example.com",
        "someone.else@example.com",
    }
    assert not Notice.objects.exists()
    assert dry_run_recipients() == 2
    assert Client().post(confirm.path).status_code == 404


def test_deleting_a_user_row_deletes_its_subscription(verified):
    # What an administrator deleting the user in the admin does.
    SubscriberFactory(email="reader@example.com", user=verified)
    SubscriberFactory(email="someone.else@example.com")
    verified.delete()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["someone.else@example.com"]
