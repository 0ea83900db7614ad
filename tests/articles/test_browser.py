"""A reader in Chromium: home → category → article, every section visible."""

import pytest
from playwright.sync_api import expect

from tests.articles.factories import ArticleFactory, complete_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_home_to_category_to_article(page):
    article = complete_article(title="Will the orbital launch happen in June?")
    ArticleFactory(category=article.category, title="A related story")

    page.goto("/")
    expect(page.get_by_role("link", name="Veridact", exact=True)).to_be_visible()
    page.get_by_role("navigation", name="Sections").get_by_role("link", name="Tech").click()

    expect(page.get_by_role("heading", level=1, name="Tech")).to_be_visible()
    page.get_by_role("link", name=article.title).click()

    expect(page.get_by_role("heading", level=1, name=article.title)).to_be_visible()
    for section in [
        "Outlook",
        "Background",
        "Precedents",
        "Why it matters",
        "Scenarios",
        "Timeline",
        "Frequently Asked Questions",
        "Discussion",
        "Related Coverage",
        "Stay ahead of the story",
    ]:
        expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()
    expect(page.get_by_text(article.headline)).to_be_visible()
    expect(page.locator(".timeline__date", has_text="June 2027")).to_be_visible()

    # FAQ answers sit in native disclosure widgets: hidden until opened.
    answer = page.get_by_text("The regulator.")
    expect(answer).to_be_hidden()
    page.get_by_text("Who decides?").click()
    expect(answer).to_be_visible()


def test_article_page_fits_a_phone_screen(browser, live_server):
    article = complete_article()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{live_server.url}{article.get_absolute_url()}")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
