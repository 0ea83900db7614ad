"""In Chromium: the call-to-action form on a cached page subscribes without any cookie, and an
editor reads the next digest in the admin as a mail client shows it."""

import pytest
from django.conf import settings
from django.test import Client

from newsletter.models import Subscriber
from tests.accounts.factories import EditorFactory
from tests.newsletter.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_cta_form_subscribes_from_a_cached_page(page):
    page.goto("/")  # every page carries the call-to-action
    page.reload()  # served from the page cache where the page is cached
    form = page.locator(".newsletter-cta form")
    form.get_by_label("Email address").fill("browser.reader@example.com")
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/newsletter/subscribe/check-your-inbox/")
    assert page.get_by_role("heading", name="Check your inbox").is_visible()
    assert page.context.cookies() == []
    assert Subscriber.objects.get().email == "browser.reader@example.com"


def test_an_editor_reads_the_next_digest_as_mail_clients_show_it(
    page, live_server, categories_from_migrations
):
    ArticleFactory(title="Launch window opens")
    client = Client()
    client.force_login(EditorFactory(is_superuser=True))
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
    }
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )

    page.goto("/admin/newsletter/digestissue/")
    page.get_by_role("link", name="Preview the next digest").click()
    page.get_by_label("Digest", exact=True).select_option("daily")
    page.get_by_role("button", name="Show").click()
    frame = page.frame_locator("iframe[title='The digest as HTML mail clients show it']")
    story = frame.get_by_role("link", name="Launch window opens")
    story.wait_for()
    # The email's inline styles apply in its frame: the story's title is set as the email sets it.
    assert story.evaluate("link => getComputedStyle(link).textDecorationLine") == "none"
    assert frame.locator("body").evaluate("body => getComputedStyle(body).backgroundColor") == (
        "rgb(251, 250, 247)"
    )
    assert page.locator("pre").inner_text().startswith("Veridact · your daily digest")
    assert refused == []
