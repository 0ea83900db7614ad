"""The Updated date: editors set it in the admin (a correction, an imported story) or tick the
box for the time of saving, always with a note of what changed; a new article has nothing to
update, and a typo fix moves nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import complete_article
from tests.articles.test_admin import ADD_URL, article_form, change_form

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2026, 6, 26, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def article():
    return complete_article(published_at=PUBLISHED)


def save(editor_client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return editor_client.post(url, change_form(article, **changes))


def dated(moment):
    return {"updated_at_0": moment.strftime("%Y-%m-%d"), "updated_at_1": moment.strftime("%H:%M")}


def refused(response, message):
    assert response.status_code == 200, "the form should have been refused"
    assert message in response.content.decode()


def test_an_editor_sets_the_updated_date_with_a_note(editor_client, article):
    same_day = PUBLISHED + datetime.timedelta(hours=6)
    response = save(editor_client, article, **dated(same_day), update_note="Added the vote count.")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.updated_at == same_day
    assert article.update_note == "Added the vote count."

    html = Client().get(article.get_absolute_url()).content.decode()
    assert 'Updated <time datetime="2026-06-26T15:00:00+00:00">26 June 2026</time>' in html
    assert "<strong>What changed:</strong> Added the vote count." in html


def test_an_updated_date_needs_a_note(editor_client, article):
    response = save(editor_client, article, **dated(PUBLISHED + datetime.timedelta(days=1)))
    refused(response, "Say what changed: readers see this note with the date.")
    article.refresh_from_db()
    assert article.updated_at is None


def test_the_box_for_the_time_of_saving_needs_a_note_too(editor_client, article):
    refused(save(editor_client, article, substantive_update="on"), "Say what changed")
    assert (
        save(
            editor_client, article, substantive_update="on", update_note="New filings."
        ).status_code
        == 302
    )
    article.refresh_from_db()
    assert timezone.now() - article.updated_at < datetime.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (PUBLISHED - datetime.timedelta(days=1), "An update cannot come before the publication."),
        (timezone.now() + datetime.timedelta(days=2), "An update cannot be in the future."),
    ],
)
def test_an_updated_date_comes_between_publication_and_now(editor_client, article, moment, message):
    refused(save(editor_client, article, **dated(moment), update_note="A note."), message)


@pytest.mark.parametrize(
    "update",
    [
        {"substantive_update": "on"},
        {"updated_at_0": "2026-06-27", "updated_at_1": "10:00"},
    ],
)
def test_a_new_article_has_nothing_to_update(editor_client, update):
    data = article_form(update_note="Changed.", **update)
    refused(editor_client.post(ADD_URL, data), "A new article has nothing to update yet.")
    assert not Article.objects.exists()


def test_a_typo_fix_keeps_the_updated_date_and_asks_for_nothing(editor_client, article):
    # An update from before notes were required, to the microsecond as a save stamps it.
    stamp = PUBLISHED + datetime.timedelta(days=1, microseconds=123456)
    Article.objects.filter(pk=article.pk).update(updated_at=stamp, update_note="")
    article.refresh_from_db()
    assert save(editor_client, article, headline="Fixed a typo.").status_code == 302
    article.refresh_from_db()
    assert article.headline == "Fixed a typo."
    assert article.updated_at == stamp


def test_clearing_the_date_takes_the_updated_line_away(editor_client, article):
    Article.objects.filter(pk=article.pk).update(
        updated_at=PUBLISHED + datetime.timedelta(days=1), update_note="Wrong."
    )
    article.refresh_from_db()
    assert save(editor_client, article, updated_at_0="", updated_at_1="").status_code == 302
    article.refresh_from_db()
    assert article.updated_at is None
    assert "Updated <time" not in Client().get(article.get_absolute_url()).content.decode()
