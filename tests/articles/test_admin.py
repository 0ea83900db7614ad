"""The editors' desk: an editor (staff, not superuser) writes and publishes in the admin."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article, Category, TimelineEvent
from articles.section_forms import partial_date_text
from tests.accounts.factories import give_second_factor
from tests.articles.factories import ArticleFactory, AuthorFactory, complete_article

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        email="editor@example.com", password="pw", display_name="Editor", is_staff=True
    )
    give_second_factor(user)
    user.groups.add(Group.objects.get(name="Editors"))
    assert not user.is_superuser
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def inline(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def article_form(**overrides):
    now = timezone.now()
    data = {
        "title": "Will the chip ship in 2027?",
        "slug": "will-the-chip-ship",
        "category": str(Category.objects.filter(slug="tech").values_list("pk", flat=True).first()),
        "authors": [str(AuthorFactory().pk)],
        "headline": "Probably, but late.",
        "summary": "The lead paragraph.",
        "hero_alt": "",
        "hero_credit": "",
        "outlook": "We expect a slip.",
        "background": "Fabs are busy.",
        "precedents": "The last two chips slipped.",
        "why_it_matters": "",
        "status": "published",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": (now - datetime.timedelta(minutes=5)).strftime("%H:%M:%S"),
        "update_note": "",
        "related_automatic": "on",
    }
    data.update(
        inline(
            "scenarios",
            [
                {"order": "0", "title": "On time", "analysis": "It ships.", "probability": "40"},
                {"order": "1", "title": "Late", "analysis": "It slips.", "probability": "60"},
            ],
        )
    )
    data.update(
        inline(
            "timeline_events",
            [
                {"when": "2026-03-04", "title": "Announced", "description": "Keynote."},
                {"when": "2027-06-XX", "title": "Window opens", "description": ""},
                {"when": "2028-XX-XX", "title": "Successor", "description": ""},
            ],
        )
    )
    data.update(inline("faq_items", [{"order": "0", "question": "When?", "answer": "2027."}]))
    data.update(inline("related_pins", []))
    data.update(overrides)
    return data


def test_editor_creates_and_publishes_an_article_with_all_inlines(editor_client):
    response = editor_client.post(ADD_URL, article_form())
    assert response.status_code == 302, response.context["adminform"].errors
    article = Article.objects.get(slug="will-the-chip-ship")
    assert article.is_published()
    assert [s.probability for s in article.scenarios.all()] == [40, 60]
    events = list(article.timeline_events.all())
    assert [(e.date, e.precision) for e in events] == [
        (datetime.date(2026, 3, 4), TimelineEvent.Precision.DAY),
        (datetime.date(2027, 6, 1), TimelineEvent.Precision.MONTH),
        (datetime.date(2028, 1, 1), TimelineEvent.Precision.YEAR),
    ]
    assert article.faq_items.count() == 1
    assert article.updated_at is None
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "June 2027" in page


def errors_of(response):
    assert response.status_code == 200, "the form should have been refused"
    return response.content.decode()


def test_publishing_without_required_sections_is_refused(editor_client):
    html = errors_of(editor_client.post(ADD_URL, article_form(outlook="", background="")))
    assert "An article needs an Outlook, a Background before it can be published." in html
    assert not Article.objects.exists()


def test_publishing_without_timeline_or_faq_is_refused(editor_client):
    data = article_form()
    data.update(inline("timeline_events", []))
    data.update(inline("faq_items", []))
    html = errors_of(editor_client.post(ADD_URL, data))
    assert "A published article needs at least one timeline event" in html
    assert "A published article needs at least one FAQ item" in html
    assert not Article.objects.exists()


def test_a_draft_may_be_incomplete(editor_client):
    data = article_form(status="draft", outlook="", published_at_0="", published_at_1="")
    data.update(inline("faq_items", []))
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().status == "draft"


def test_scenario_probabilities_over_100_are_refused(editor_client):
    data = article_form()
    data["scenarios-1-probability"] = "70"
    html = errors_of(editor_client.post(ADD_URL, data))
    assert "add up to 110 %; they may not exceed 100 %" in html


@pytest.mark.parametrize(
    ("when", "message"),
    [("June 2026", "Write the date as"), ("2026-13-XX", "is not a date in the calendar")],
)
def test_bad_timeline_dates_get_a_clear_error(editor_client, when, message):
    data = article_form()
    data["timeline_events-0-when"] = when
    assert message in errors_of(editor_client.post(ADD_URL, data))


def change_form(article, **overrides):
    data = article_form(
        title=article.title,
        slug=article.slug,
        category=str(article.category_id),
        headline=article.headline,
        summary=article.summary,
        hero_alt=article.hero_alt,
        hero_credit=article.hero_credit,
        outlook=article.outlook,
        background=article.background,
        precedents=article.precedents,
        why_it_matters=article.why_it_matters,
        status=article.status,
        published_at_0=article.published_at.strftime("%Y-%m-%d"),
        published_at_1=article.published_at.strftime("%H:%M:%S"),
        related_automatic="on" if article.related_automatic else "",
        updated_at_0=article.updated_at.strftime("%Y-%m-%d") if article.updated_at else "",
        updated_at_1=article.updated_at.strftime("%H:%M:%S") if article.updated_at else "",
        update_note=article.update_note,
    )
    data["authors"] = [str(author.pk) for author in article.authors.all()]
    for prefix, related in (
        ("scenarios", article.scenarios.all()),
        ("timeline_events", article.timeline_events.all()),
        ("faq_items", article.faq_items.all()),
        ("related_pins", article.related_pins.all()),
    ):
        rows = []
        for item in related:
            row = {"id": str(item.pk), "article": str(article.pk)}
            if prefix == "scenarios":
                row |= {"order": "0", "title": item.title, "analysis": item.analysis}
                row["probability"] = str(item.probability)
            elif prefix == "timeline_events":
                row |= {"order": str(item.order), "when": partial_date_text(item)}
                row |= {"title": item.title, "description": item.description}
            elif prefix == "faq_items":
                row |= {"order": "0", "question": item.question, "answer": item.answer}
            else:
                row |= {"order": str(item.order), "related": str(item.related_id)}
            rows.append(row)
        data.update(inline(prefix, rows, initial=len(rows)))
    data.update(overrides)
    return data


def test_typo_fix_does_not_move_the_updated_date(editor_client):
    article = complete_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(url, change_form(article, headline="Fixed a typo."))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Fixed a typo."
    assert article.updated_at is None


def test_substantive_update_moves_the_updated_date_and_shows_the_note(editor_client):
    article = complete_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form(article, substantive_update="on", update_note="New filings.")
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.updated_at is not None
    assert timezone.now() - article.updated_at < datetime.timedelta(minutes=1)
    assert "New filings." in editor_client.get(article.get_absolute_url()).content.decode()


def test_publish_now_and_unpublish_actions(editor_client):
    ready = complete_article(draft=True)
    incomplete = ArticleFactory(draft=True, background="")
    changelist = reverse("admin:articles_article_changelist")
    response = editor_client.post(
        changelist,
        {"action": "publish_now", "_selected_action": [ready.pk, incomplete.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Published 1 article(s)." in html
    assert "Not published" in html and "a Background" in html
    ready.refresh_from_db()
    incomplete.refresh_from_db()
    assert ready.is_published() and incomplete.status == "draft"

    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [ready.pk]})
    ready.refresh_from_db()
    assert ready.status == "draft"


def test_changelist_search_and_filters_work(editor_client):
    complete_article(title="Findable zebra")
    changelist = reverse("admin:articles_article_changelist")
    html = editor_client.get(changelist, {"q": "zebra", "status__exact": "published"}).content
    assert b"Findable zebra" in html


def test_bad_image_upload_gets_a_clear_admin_error(editor_client):
    data = article_form(hero_alt="A chip")
    data["hero_image"] = SimpleUploadedFile("chip.jpg", b"GIF89a not really", "image/jpeg")
    html = errors_of(editor_client.post(ADD_URL, data))
    assert "Upload a valid image" in html or "is not an image" in html
    assert not Article.objects.exists()


def test_good_image_upload_makes_renditions(editor_client):
    buffer = io.BytesIO()
    Image.new("RGB", (1300, 700), (10, 120, 90)).save(buffer, "PNG")
    data = article_form(hero_alt="A chip on a board", hero_credit="Image: courtesy of Fab")
    data["hero_image"] = SimpleUploadedFile("chip.png", buffer.getvalue(), "image/png")
    assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    assert article.hero_image.name.endswith(".jpg")
    assert [w for w, _ in article.hero_renditions["sources"]["webp"]] == [480, 800, 1200, 1300]


def test_image_without_alt_text_is_refused(editor_client):
    buffer = io.BytesIO()
    Image.new("RGB", (1300, 700)).save(buffer, "PNG")
    data = article_form()
    data["hero_image"] = SimpleUploadedFile("chip.png", buffer.getvalue(), "image/png")
    assert "Describe the image" in errors_of(editor_client.post(ADD_URL, data))
