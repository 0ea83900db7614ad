"""A reader in Chromium: sign up, verify, comment, edit, delete, a paste that is too long, how
long ago comments were written, and a comment written before signing in."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from discussion.models import Comment
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs in every page before its own scripts, outside the page's content policy.
COLLECT_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
});
"""


def test_sign_up_verify_comment_edit_delete_and_too_long_paste(page):
    article = ArticleFactory(title="Will the new console launch before the holidays?")
    page.goto(article.get_absolute_url())
    discussion = page.locator("#discussion")
    assert discussion.get_by_role("heading", name="Discussion", exact=True).is_visible()
    assert discussion.locator(".discussion__count").inner_text() == "0 comments"
    discussion.get_by_role("link", name="Create an account").click()

    # Sign up; the display name counter follows the typing.
    page.get_by_label("Email", exact=True).fill("browser@example.com")
    counter = page.locator('[data-counter-for="id_display_name"]')
    assert counter.inner_text() == "0/100"
    page.get_by_label("Display name").press_sequentially("Ana B")
    assert counter.inner_text() == "5/100"
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    # Open the link from the email we sent, and confirm.
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group()
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    # Back on the article's discussion, signed in: comment, with the counter following.
    page.wait_for_url(f"**{article.get_absolute_url()}#discussion")
    assert page.locator(".account-nav__name").inner_text() == "Ana B"
    box = page.get_by_label("Your comment")
    comment_counter = page.locator('[data-counter-for="comment-body"]')
    assert comment_counter.inner_text() == "0/1000"
    box.press_sequentially("First 😀")
    assert comment_counter.inner_text() == "7/1000"
    page.get_by_role("button", name="Post comment").click()
    posted = page.locator("#discussion .comment").filter(has_text="First 😀")
    posted.wait_for()
    assert "Your comment is posted." in page.locator(".messages").inner_text()
    assert page.locator("#discussion .discussion__count").inner_text() == "1 comment"

    # Edit it.
    posted.get_by_role("link", name="Edit").click()
    page.get_by_label("Your comment").fill("First, and edited.")
    page.get_by_role("button", name="Save changes").click()
    edited = page.locator("#discussion .comment").filter(has_text="First, and edited.")
    edited.wait_for()
    assert edited.locator(".comment__edited").inner_text() == "edited"

    # Delete it.
    edited.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete comment").click()
    page.get_by_text("Your comment is deleted.").wait_for()
    assert page.locator("#discussion .comment").count() == 0
    assert page.get_by_text("Be the first to share your thoughts.").is_visible()

    # A 1001-character paste: the counter turns red, the server names the limit, text kept.
    too_long = "Lorem ipsum dolor sit amet. " * 35 + "x" * 21
    assert len(too_long) == 1001
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("text => navigator.clipboard.writeText(text)", too_long)
    box = page.get_by_label("Your comment")
    box.focus()
    box.press("Control+V")
    assert page.locator('[data-counter-for="comment-body"]').inner_text() == "1001/1000"
    assert "counter--over" in page.locator('[data-counter-for="comment-body"]').get_attribute(
        "class"
    )
    page.get_by_role("button", name="Post comment").click()
    page.get_by_text("Comment can be at most 1,000 characters long; yours has 1,001.").wait_for()
    assert page.get_by_label("Your comment").input_value() == too_long


def test_comment_times_say_how_long_ago_in_the_browser(page, post):
    # The page says when each comment was written (it may be served from the cache for
    # minutes); static/js/site.js turns a recent time into how long ago.
    article = ArticleFactory()
    now = timezone.now()
    for body, age in [
        ("Recent.", datetime.timedelta(minutes=5)),
        ("Old.", datetime.timedelta(days=10)),
    ]:
        comment = post(article, ReaderFactory(), body)
        Comment.objects.filter(pk=comment.pk).update(created_at=now - age)
    page.goto(article.get_absolute_url())
    recent = page.locator(".comment", has_text="Recent.").locator("time")
    old = page.locator(".comment", has_text="Old.").locator("time")
    written = timezone.localtime(now - datetime.timedelta(minutes=5))
    assert recent.inner_text() == "5 minutes ago"
    assert recent.get_attribute("title") == f"{written:%-d %B %Y, %H:%M} UTC"
    assert (
        old.inner_text()
        == f"{timezone.localtime(now - datetime.timedelta(days=10)):%-d %B %Y, %H:%M} UTC"
    )


def test_an_anonymous_reader_writes_signs_in_and_lands_on_their_comment(browser, live_server):
    # The page as an anonymous reader first sees it, served from the cache the second time.
    article = ArticleFactory(title="Will the ECB cut rates in March?")
    reader = ReaderFactory(display_name="Quiet Reader")
    context = browser.new_context(base_url=live_server.url)
    context.add_init_script(COLLECT_CSP_VIOLATIONS)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    page.goto(article.get_absolute_url())
    discussion = page.locator("#discussion")
    title_counter = discussion.locator('[data-counter-for="comment-title"]')
    body_counter = discussion.locator('[data-counter-for="comment-body"]')
    assert (title_counter.inner_text(), body_counter.inner_text()) == ("0/100", "0/1000")

    discussion.get_by_label("Title or name").press_sequentially("Not in March")
    assert title_counter.inner_text() == "12/100"
    discussion.get_by_label("Your comment").press_sequentially("Inflation is still 3% 📈")
    assert body_counter.inner_text() == "23/1000"
    discussion.get_by_role("button", name="Post comment").click()

    # Kept, and shown on the way to signing in.
    page.get_by_role("heading", name="Sign in").wait_for()
    assert "Inflation is still 3% 📈" in page.locator(".notice").inner_text()
    assert not Comment.objects.exists()
    page.get_by_label("Email", exact=True).fill(reader.email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()

    comment = page.locator("#discussion .comment").filter(has_text="Inflation is still 3% 📈")
    comment.wait_for()
    [posted] = Comment.objects.all()
    assert page.url.endswith(f"{article.get_absolute_url()}#comment-{posted.pk}")
    assert comment.locator(".comment__title").inner_text() == "Not in March"
    assert comment.locator(".comment__author").inner_text() == "Quiet Reader"
    assert f"Your comment on “{article.title}” is posted." in page.locator(".messages").inner_text()

    # A refresh posts nothing more.
    page.reload()
    comment.wait_for()
    assert Comment.objects.count() == 1
    assert page.evaluate("window.__cspViolations") == []
    context.close()
