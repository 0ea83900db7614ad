"""Links in emails: confirm (button, then POST), preferences and unsubscribe, signed tokens."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Notice, Subscriber
from tests.newsletter.factories import ArticleFactory, SubscriberFactory


@pytest.fixture
def browser_client():
    # CSRF enforced: the token in the URL, not a cookie, must be what authenticates.
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.23")


@pytest.fixture
def pending(db):
    return SubscriberFactory(status=Subscriber.Status.PENDING, consent_at=None, consent_ip=None)


def confirm_path(subscriber):
    return reverse("newsletter:confirm", args=[tokens.confirm_token(subscriber)])


def tamper(token):
    return token[:-2] + ("AA" if not token.endswith("AA") else "BB")


def test_opening_the_confirmation_link_shows_a_button_and_changes_nothing(client, pending):
    response = client.get(confirm_path(pending))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirm my subscription" in html
    assert '<form method="post">' in html
    assert "no-cache" in response["Cache-Control"]
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_the_post_confirms_records_consent_and_sends_a_welcome(
    browser_client, pending, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = browser_client.post(confirm_path(pending))
    assert response.status_code == 200
    assert "You are subscribed" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.CONFIRMED
    assert pending.consent_ip == "198.51.100.23"
    assert timezone.now() - pending.consent_at < timedelta(seconds=5)
    assert [n.kind for n in pending.notices.all()] == [Notice.Kind.WELCOME]
    welcome = mail.outbox[-1]
    assert welcome.subject == "Welcome to the Veridact newsletter"
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Tech, Sports, Finance and Gaming" in welcome.body

    again = browser_client.post(confirm_path(pending))
    assert "already subscribed" in again.content.decode()
    assert len(mail.outbox) == 1


def test_a_tampered_confirmation_token_gets_a_clear_page_and_changes_nothing(client, pending):
    response = client.post(
        reverse("newsletter:confirm", args=[tamper(tokens.confirm_token(pending))])
    )
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_an_expired_confirmation_token_gets_a_clear_page_and_changes_nothing(client, pending):
    path = confirm_path(pending)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.post(path)
    assert response.status_code == 410
    assert "This confirmation link has expired" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING


def test_a_newer_request_replaces_the_older_confirmation_link(client, pending):
    old = confirm_path(pending)
    pending.requested_at = timezone.now() + timedelta(minutes=10)
    pending.save()
    response = client.post(old)
    assert response.status_code == 410
    assert "This link has been replaced" in response.content.decode()
    assert client.post(confirm_path(pending)).status_code == 200


def test_a_token_for_one_purpose_does_not_work_for_another(client, db):
    subscriber = SubscriberFactory()
    unsubscribe = tokens.unsubscribe_token(subscriber.pk)
    response = client.post(reverse("newsletter:preferences", args=[unsubscribe]))
    assert response.status_code == 400
    response = client.post(reverse("newsletter:confirm", args=[unsubscribe]))
    assert response.status_code == 400


def test_link_tokens_are_djangos_signatures_under_the_current_key(settings):
    # tokens computes them itself, deriving the HMAC key once; the views read them with
    # django.core.signing, so both must agree, also after the secret key changes.
    for secret in (settings.SECRET_KEY, "another-secret-key-for-this-test-only-0123456789"):
        settings.SECRET_KEY = secret
        for make, salt in (
            (tokens.unsubscribe_token, tokens.UNSUBSCRIBE_SALT),
            (tokens.preferences_token, tokens.PREFERENCES_SALT),
        ):
            for subscriber_id in (1, 42, 10**12):
                expected = signing.Signer(key=secret, salt=salt).sign(str(subscriber_id))
                assert make(subscriber_id) == expected


def preferences_path(subscriber):
    return reverse("newsletter:preferences", args=[tokens.preferences_token(subscriber.pk)])


def test_preferences_page_shows_the_choices(client, db, django_assert_num_queries):
    subscriber = SubscriberFactory(categories=["tech", "gaming"])
    # Subscriber, its categories, all categories (once per widget).
    with django_assert_num_queries(3):
        response = client.get(preferences_path(subscriber))
    html = response.content.decode()
    assert response.status_code == 200
    assert subscriber.email in html
    assert html.count("checked") == 3  # two categories and the daily frequency
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_preferences_post_saves_without_a_csrf_token(browser_client, categories):
    subscriber = SubscriberFactory()
    response = browser_client.post(
        preferences_path(subscriber),
        {"categories": [categories["sports"].pk], "frequency": "weekly"},
    )
    assert response.status_code == 303
    assert response["Location"].endswith("?saved=1")
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"
    assert list(subscriber.categories.values_list("slug", flat=True)) == ["sports"]
    assert "Preferences saved." in browser_client.get(response["Location"]).content.decode()


def test_preferences_need_a_category_and_keep_the_choice_made(client, db):
    subscriber = SubscriberFactory()
    response = client.post(preferences_path(subscriber), {"frequency": "weekly"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one category, or unsubscribe instead." in html
    assert 'value="weekly" id="id_frequency_1" required checked' in html
    subscriber.refresh_from_db()
    assert subscriber.frequency == "daily"


def test_tampered_preferences_links_change_nothing_and_old_ones_keep_working(client, db):
    subscriber = SubscriberFactory()
    token = tokens.preferences_token(subscriber.pk)
    response = client.post(
        reverse("newsletter:preferences", args=[tamper(token)]), {"frequency": "weekly"}
    )
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    forged = reverse("newsletter:preferences", args=[f"{subscriber.pk + 1}:{token.split(':')[1]}"])
    assert client.get(forged).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.frequency == "daily"
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        assert client.get(preferences_path(subscriber)).status_code == 200


def unsubscribe_path(subscriber):
    return reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk)])


def test_unsubscribe_get_only_asks(client, db):
    subscriber = SubscriberFactory()
    response = client.get(unsubscribe_path(subscriber))
    assert response.status_code == 200
    assert "Unsubscribe from the newsletter?" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed()


def test_one_click_unsubscribe_post_needs_no_cookie_and_answers_200(db):
    from newsletter import issuing

    subscriber = SubscriberFactory()
    ArticleFactory()
    issue = issuing.issue_create(frequency="daily", run="test")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(subscriber),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # A digest queued for them is not sent any more.
    assert issue.deliveries.get().state == "skipped"


def test_unsubscribe_links_never_expire_but_tampering_is_refused(client, db):
    subscriber = SubscriberFactory()
    path = unsubscribe_path(subscriber)
    bad = reverse("newsletter:unsubscribe", args=[tamper(tokens.unsubscribe_token(subscriber.pk))])
    response = client.post(bad)
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed()
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        assert client.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_links_of_a_deleted_subscriber(client, db):
    subscriber = SubscriberFactory()
    confirm, preferences = confirm_path(subscriber), preferences_path(subscriber)
    unsubscribe = unsubscribe_path(subscriber)
    subscriber.delete()
    assert client.get(confirm).status_code == 404
    assert client.get(preferences).status_code == 404
    assert client.post(unsubscribe).status_code == 200
