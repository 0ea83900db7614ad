"""Timeline order: events keep the order the editor gives them in the admin, date order
when they give none, and a date known only to the month still reads “June 2026”."""

import datetime
import re

import pytest
from django.urls import reverse

from articles.models import Article, TimelineEvent
from articles.section_forms import place_by_date
from tests.articles.factories import TimelineEventFactory, complete_article
from tests.articles.test_admin import ADD_URL, article_form, change_form, inline

pytestmark = pytest.mark.django_db


def shown_timeline(client, article):
    """The timeline's dates and titles as the public page lists them."""
    html = client.get(article.get_absolute_url()).content.decode()
    section = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    return re.findall(
        r'<time class="timeline__date" datetime="[^"]+">([^<]+)</time>\s*'
        r'<h3 class="timeline__title">([^<]+)</h3>',
        section,
    )


def event(order, when, title):
    return {"order": order, "when": when, "title": title, "description": ""}


def test_events_keep_the_order_the_editor_gives(editor_client, client):
    data = article_form()
    # Entered in no particular order; the numbers say where each goes.
    data.update(
        inline(
            "timeline_events",
            [
                event("3", "2026-06-25", "Vote in committee"),
                event("1", "2026-06-10", "Draft published"),
                event("4", "2026-06-26", "Plenary vote"),
                event("2", "2026-06-XX", "Council position"),
            ],
        )
    )
    assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()

    assert shown_timeline(client, article) == [
        ("10 June 2026", "Draft published"),
        ("June 2026", "Council position"),
        ("25 June 2026", "Vote in committee"),
        ("26 June 2026", "Plenary vote"),
    ]
    assert list(article.timeline_events.values_list("order", flat=True)) == [1, 2, 3, 4]


def test_events_without_numbers_are_in_date_order(editor_client, client):
    data = article_form()
    data.update(
        inline(
            "timeline_events",
            [
                event("", "2026-06-25", "Vote in committee"),
                event("", "2026-06-XX", "Council position"),
                event("", "2026-06-10", "Draft published"),
            ],
        )
    )
    assert editor_client.post(ADD_URL, data).status_code == 302

    assert shown_timeline(client, Article.objects.get()) == [
        ("June 2026", "Council position"),
        ("10 June 2026", "Draft published"),
        ("25 June 2026", "Vote in committee"),
    ]


def test_an_unnumbered_event_joins_a_numbered_timeline_by_its_date(editor_client, client):
    article = complete_article()
    article.timeline_events.all().delete()
    for order, (day, title) in enumerate([(10, "Draft"), (1, "Council"), (25, "Vote")], 1):
        precision = TimelineEvent.Precision.MONTH if day == 1 else TimelineEvent.Precision.DAY
        TimelineEventFactory(
            article=article,
            order=order,
            date=datetime.date(2026, 6, day),
            precision=precision,
            title=title,
        )
    data = change_form(article)
    rows = int(data["timeline_events-TOTAL_FORMS"])
    data.update(
        {
            "timeline_events-TOTAL_FORMS": str(rows + 1),
            f"timeline_events-{rows}-order": "",
            f"timeline_events-{rows}-when": "2026-06-20",
            f"timeline_events-{rows}-title": "Amendments due",
            f"timeline_events-{rows}-description": "",
        }
    )
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.post(url, data).status_code == 302

    assert [title for _, title in shown_timeline(client, article)] == [
        "Draft",
        "Council",
        "Amendments due",
        "Vote",
    ]
    # The events the editor did not touch are renumbered too, so the form shows 1, 2, 3, 4.
    assert list(article.timeline_events.values_list("title", "order")) == [
        ("Draft", 1),
        ("Council", 2),
        ("Amendments due", 3),
        ("Vote", 4),
    ]


def test_the_change_form_shows_each_event_with_its_number(editor_client):
    article = complete_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    html = editor_client.get(url).content.decode()
    assert 'name="timeline_events-0-order"' in html
    assert 'name="timeline_events-1-when" value="2027-06-XX"' in html


def test_place_by_date_puts_each_unnumbered_event_after_those_dated_before_it():
    numbered = [("a", 10), ("b", 1), ("c", 25)]
    unnumbered = [("d", 30), ("e", 20), ("f", 0), ("g", 10)]
    placed = place_by_date(numbered, unnumbered, date_of=lambda item: item[1])
    assert [name for name, _ in placed] == ["f", "a", "b", "g", "e", "c", "d"]
