"""In Chromium: the call-to-action form on a cached page subscribes without any cookie."""

import pytest

from newsletter.models import Subscriber

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
