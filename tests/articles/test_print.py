"""An article on paper: Chromium prints it in far fewer pages than the screen layout takes,
with its text, scenarios, timeline and every FAQ answer, and nothing that only works on a
screen (navigation, forms, the newsletter, the discussion, related coverage)."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from articles.models import TimelineEvent
from articles.services import article_set_hero_image
from discussion import services as discussion
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    FAQItemFactory,
    ScenarioFactory,
    TimelineEventFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A paragraph of about 90 words, as the demo's analysis has them.
PARAGRAPH = (
    "Standards bodies rarely miss a date by much, because the usual remedy for a late feature "
    "is to move it to the next release rather than hold the whole train. The question is less "
    "whether the freeze happens than what it contains, and operators, vendors and regulators "
    "all have reasons to want a smaller first release that ships on time. We weigh the "
    "precedents, the working-group calendars and the public statements of the large vendors "
    "before putting a number on each outcome, and we revise it as the meetings go."
)
SECTION = "\n\n".join([PARAGRAPH] * 3)
# Removes the stylesheet's print rules, to print the page as the screen lays it out.
WITHOUT_PRINT_RULES = """() => {
  for (const sheet of document.styleSheets) {
    for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
      const rule = sheet.cssRules[i];
      if (rule.media && rule.media.mediaText.includes("print")) sheet.deleteRule(i);
    }
  }
}"""


def pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture
def article():
    """An article as long as the demo's, with every section, a hero image and a discussion."""
    article = ArticleFactory(
        title="Will the first 6G specifications freeze on schedule?",
        outlook=SECTION,
        background=SECTION,
        precedents=SECTION,
        why_it_matters=f"{PARAGRAPH}\n\nMore at [the ITU](https://www.itu.int/).",
        hero_alt="Rings and a rising line",
        hero_credit="Image: courtesy of Veridact Studio",
    )
    article.authors.add(AuthorFactory())
    for number, probability in enumerate([50, 30, 12, 8]):
        ScenarioFactory(article=article, probability=probability, analysis=PARAGRAPH[:240])
        FAQItemFactory(article=article, question=f"Question {number}?", answer=f"Answer {number}.")
    for year in range(2024, 2030):
        TimelineEventFactory(
            article=article,
            date=datetime.date(year, 1, 1),
            precision=TimelineEvent.Precision.YEAR,
            description=PARAGRAPH[:120],
        )
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 60, 160)).save(buffer, "JPEG")
    article.hero_image.save("hero.jpg", ContentFile(buffer.getvalue()), save=True)
    article_set_hero_image(article=article)
    for number in range(3):
        ArticleFactory(category=article.category, title=f"Related story {number}")
    discussion.comment_create(article=article, author=ReaderFactory(), body="A first look.")
    return article


def test_an_article_prints_in_fewer_pages_without_what_only_works_on_a_screen(page, article):
    page.goto(article.get_absolute_url())
    printed = page.pdf(format="A4")
    page.evaluate(WITHOUT_PRINT_RULES)
    as_on_screen = page.pdf(format="A4")
    # Seven pages as the screen lays the article out, four printed (measured on Chromium 156).
    assert pages(printed) <= 4
    assert pages(printed) <= pages(as_on_screen) * 2 // 3, (pages(printed), pages(as_on_screen))

    page.reload()
    page.emulate_media(media="print")
    for hidden in [
        ".site-nav",
        ".account-nav",
        ".breadcrumb",
        ".newsletter-cta",
        "#discussion",
        ".related",
        "form",
    ]:
        assert page.locator(hidden).count(), hidden
        assert all(not box.is_visible() for box in page.locator(hidden).all()), hidden
    assert page.get_by_role("heading", name=article.title).is_visible()
    for section in ["Outlook", "Background", "Precedents", "Why it matters", "Scenarios"]:
        assert page.get_by_role("heading", name=section).is_visible()
    assert page.get_by_text("Answer 3.").is_visible()  # FAQ answers, though closed on screen
    # Where a link leads, since paper cannot follow it.
    after = page.locator('.article-section a[href="https://www.itu.int/"]').evaluate(
        "link => getComputedStyle(link, '::after').content"
    )
    assert after == '" (https://www.itu.int/)"'
