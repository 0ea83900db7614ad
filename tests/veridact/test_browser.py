"""Every kind of page in Chromium, under the site's Content-Security-Policy: no violation.

The policy allows scripts and styles from the site's own files only, so an inline script,
a `<style>` element, a `style=` attribute or an `onclick=` on any page shows up here as a
violation that Chromium reports (and a broken page that a reader would see).
"""

import pytest
from django.conf import settings
from django.test import Client

from newsletter import issuing
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import complete_article
from tests.newsletter.factories import SubscriberFactory
from tests.predictions.factories import ProbabilityUpdateFactory, make_resolved

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs in every page before its own markup and scripts, and outside the page's policy.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`
  );
});
"""


@pytest.fixture
def watched(browser, live_server):
    """Return a function that opens a page and gives its headers and the violations seen."""
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(COLLECT_VIOLATIONS)
    tab = context.new_page()
    console_errors = []

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            console_errors.append(message.text)

    tab.on("console", on_console)

    def visit(path, *, signed_in_as=None):
        if signed_in_as is not None:
            client = Client()
            client.force_login(signed_in_as)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
        console_errors.clear()
        response = tab.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        tab.wait_for_load_state("load")
        violations = tab.evaluate("window.__cspViolations") + console_errors
        return response.headers, violations

    visit.tab = tab
    yield visit
    context.close()


def test_no_page_breaks_the_content_security_policy(watched, django_user_model):
    article = complete_article(title="Will the orbital launch happen in June?")
    update = ProbabilityUpdateFactory(
        prediction__claim="Will the launch slip past June?", article=article
    )
    update.prediction.articles.add(article)
    reader = ReaderFactory(display_name="Ada")
    make_resolved(readers=[(reader, 80)], claim="Did the console ship?")
    superuser = django_user_model.objects.create_superuser(
        email="chief@example.com", password="pw", display_name="Chief"
    )
    SubscriberFactory()
    issue = issuing.issue_create(frequency="daily", run="2026-06-12")

    anonymous = [
        "/",
        article.category.get_absolute_url(),
        article.get_absolute_url(),
        "/predictions/",
        update.prediction.get_absolute_url(),
        "/predictions/track-record/",
        "/predictions/leaderboard/",
        "/predictions/methodology/",
        "/search/?q=launch",
        "/newsletter/subscribe/",
        "/newsletter/archive/",
        issue.get_absolute_url(),
        reader.get_absolute_url(),
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]
    signed_in = [
        (article.get_absolute_url(), reader),
        (update.prediction.get_absolute_url(), reader),
        ("/accounts/settings/", reader),
        (f"/admin/articles/article/{article.pk}/change/", superuser),
        (f"/admin/predictions/prediction/{update.prediction.pk}/change/", superuser),
        # The digest's HTML in its frame has a policy of its own (inline style, no script).
        ("/admin/newsletter/digestissue/preview/", superuser),
    ]
    seen = {}
    # Anonymous pages twice: the second visit is served from the page cache.
    for path in anonymous + anonymous:
        seen[path] = watched(path)
    for path, user in signed_in:
        seen[f"{path} as {user.display_name}"] = watched(path, signed_in_as=user)

    for page, (headers, violations) in seen.items():
        policy = headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy, page
        assert "permissions-policy" in headers, page
        assert violations == [], f"{page}: {violations}"


def test_the_watch_sees_a_violation(watched):
    """The check above would notice: an inline script added to a page is refused and seen."""
    complete_article()
    watched("/")
    watched.tab.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.ranInline = true";
          document.body.append(script);
        }"""
    )
    watched.tab.wait_for_function("window.__cspViolations.length > 0")
    assert watched.tab.evaluate("window.ranInline") is None
    [violation] = watched.tab.evaluate("window.__cspViolations")
    assert violation.startswith("script-src-elem blocked inline")
