"""An editor in Chromium, as the newsroom works: signs in with their second factor, writes an
article with every section in the admin (an imprecise timeline date placed between two exact
ones, a hero image with its credit, an article pinned to Related Coverage), fixes the one
mistake the form finds without choosing the image again, publishes, and reads the public page:
the sections, the timeline in their order, the credit, the comment counter and Related
Coverage. No page along the way breaks the content security policy."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article, Category
from tests.accounts.factories import EditorFactory, totp_code
from tests.articles.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR_PERMISSIONS = ["article", "scenario", "timelineevent", "faqitem", "relatedarticle"]


@pytest.fixture
def newsroom(transactional_db):
    """The categories and the Editors group as the migrations make them (a transactional
    test may follow another's flush), two stories in Tech and one in Finance."""
    migration = importlib.import_module("articles.migrations.0002_categories_pages_editors")
    for name, slug, description, colour, order in migration.CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "accent_colour": colour,
                "order": order,
            },
        )
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles",
            content_type__model__in=[*EDITOR_PERMISSIONS, "author", "category"],
        )
    )
    tech, finance = Category.objects.get(slug="tech"), Category.objects.get(slug="finance")
    ArticleFactory(category=tech, title="The fab that slipped a year")
    ArticleFactory(category=tech, title="Chip subsidies, year two")
    ArticleFactory(category=finance, title="What a chip war costs the markets")
    editor = EditorFactory(email="ada.editor@example.com", password="correct horse battery")
    editor.groups.add(editors)
    return editor


@pytest.fixture
def hero(tmp_path):
    path = tmp_path / "launch-pad.png"
    Image.new("RGB", (1400, 800), (20, 90, 160)).save(path, "PNG")
    return path


def sign_in(page, email, password):
    page.goto("/admin/")
    form = page.locator("main form").first
    form.get_by_label("Email", exact=True).fill(email)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    page.locator("main").get_by_label("Code").fill(totp_code())
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def add_row(page, group, label):
    page.locator(f"#{group}-group").get_by_role("button", name=label).click()


def choose(page, selector, typed, option):
    """Pick in one of the admin's autocomplete boxes, as an editor types into it."""
    page.locator(selector).locator("xpath=following-sibling::span[1]").click()
    page.locator(".select2-search__field").last.fill(typed)
    page.locator(".select2-results__option", has_text=option).click()


def test_an_editor_writes_fixes_publishes_and_reads_an_article(page, newsroom, hero):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    sign_in(page, "ada.editor@example.com", "correct horse battery")

    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Will the heavy-lift rocket fly in June?")
    # The slug is filled in from the title as the editor types it.
    expect(page.locator("#id_slug")).to_have_value("will-the-heavy-lift-rocket-fly-in-june")
    page.locator("#id_category").select_option(label="Tech")
    page.locator("#id_headline").fill("Probably, if the last static fire holds.")
    page.locator("#id_summary").fill("The launch company aims for June; we think it makes it.")
    page.locator("#id_hero_image").set_input_files(hero)
    page.locator("#id_hero_credit").fill("Image: courtesy of the launch company")
    # The alt text is forgotten: the one mistake.
    page.locator("#id_outlook").fill("We expect a June launch.\n\nA slip to July is the risk.")
    page.locator("#id_background").fill("The pad was rebuilt over the winter.")
    page.locator("#id_precedents").fill("The last two first flights slipped a month each.")
    page.locator("#id_why_it_matters").fill("Heavy launches set the pace of everything else.")

    add_row(page, "scenarios", "Add another Scenario")
    page.locator("#id_scenarios-0-title").fill("Flies in June")
    page.locator("#id_scenarios-0-probability").fill("60")
    page.locator("#id_scenarios-0-analysis").fill("The static fire goes well.")
    for index, (order, when, title) in enumerate(
        [
            ("1", "2026-06-10", "Static fire"),
            ("3", "2026-06-25", "Launch window opens"),
            ("2", "2026-06-XX", "Range safety review"),
        ]
    ):
        add_row(page, "timeline_events", "Add another Timeline event")
        page.locator(f"#id_timeline_events-{index}-order").fill(order)
        page.locator(f"#id_timeline_events-{index}-when").fill(when)
        page.locator(f"#id_timeline_events-{index}-title").fill(title)
    add_row(page, "faq_items", "Add another FAQ item")
    page.locator("#id_faq_items-0-question").fill("What if it slips?")
    page.locator("#id_faq_items-0-answer").fill("Then July, weather allowing.")
    add_row(page, "related_pins", "Add another Pinned related article")
    choose(page, "#id_related_pins-0-related", "chip war", "What a chip war costs the markets")

    page.locator("#id_status").select_option("published")
    page.locator("#id_published_at_0").fill("2026-06-01")
    page.locator("#id_published_at_1").fill("08:00:00")
    page.get_by_role("button", name="Save", exact=True).click()

    # Refused for the alt text alone; the image stays, shown as kept, not chosen again.
    expect(page.get_by_text("Describe the image for readers who can't see it.")).to_be_visible()
    expect(page.get_by_text("Kept from your last try: launch-pad.png")).to_be_visible()
    assert page.locator("#id_hero_image").input_value() == ""
    assert not Article.objects.filter(slug="will-the-heavy-lift-rocket-fly-in-june").exists()
    page.locator("#id_hero_alt").fill("A rocket on the rebuilt pad at dawn")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()

    article = Article.objects.get(slug="will-the-heavy-lift-rocket-fly-in-june")
    assert article.hero_renditions["width"] == 1400
    page.goto(article.get_absolute_url())
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
    ]:
        expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()
    assert page.locator(".timeline__date").all_inner_texts() == [
        "10 JUNE 2026",
        "JUNE 2026",
        "25 JUNE 2026",
    ]
    assert page.locator(".timeline__title").all_inner_texts() == [
        "Static fire",
        "Range safety review",
        "Launch window opens",
    ]
    expect(page.locator(".article__credit")).to_have_text("Image: courtesy of the launch company")
    expect(page.locator(".article__hero img")).to_have_attribute(
        "alt", "A rocket on the rebuilt pad at dawn"
    )

    # The comment's counters count as the editor types.
    title = page.locator('.comment-form .counter[data-counter-for="comment-title"]')
    counter = page.locator('.comment-form .counter[data-counter-for="comment-body"]')
    expect(title).to_have_text("0/100")
    expect(counter).to_have_text("0/1000")
    page.locator(".comment-form textarea").fill("Watching the static fire.")
    expect(counter).to_have_text("25/1000")

    # Related Coverage: the pinned story first, then the latest in the category.
    assert page.locator(".related .card__title").all_inner_texts() == [
        "What a chip war costs the markets",
        "Chip subsidies, year two",
        "The fab that slipped a year",
    ]
    assert refused == []
