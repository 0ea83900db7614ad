"""Revisions: every save of an article in the admin keeps one, with who made it and what the
admin noted (a substantive update's note first); editors see what a revision changed, field
by field and inline by inline, and restore an earlier one, inlines and all."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.accounts.factories import EditorFactory
from tests.articles.factories import complete_article
from tests.articles.test_admin import change_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    editor = EditorFactory(email="ada@example.com")
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def save(editor_client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = editor_client.post(url, change_form(article, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()


def history(editor_client, article):
    url = reverse("admin:articles_article_history", args=[article.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def versions(article):
    return list(Version.objects.get_for_object(article).order_by("-pk"))


@pytest.fixture
def article():
    return complete_article(title="The chip ships in June", outlook="We expect it in June.")


def test_every_save_keeps_a_revision_with_who_and_what(editor_client, article):
    save(editor_client, article, title="The chip ships in July")
    save(
        editor_client,
        article,
        substantive_update="on",
        update_note="The maker moved the launch.",
        outlook="We now expect it in July.",
    )
    kept = versions(article)
    assert len(kept) == 2
    assert all(version.revision.user.email == "ada@example.com" for version in kept)

    html = history(editor_client, article)
    assert "Changed Title." in html
    assert "Substantive update: The maker moved the launch. (Changed Outlook" in html
    assert html.count(">What changed</a>") == 2
    assert html.count(">Restore…</a>") == 2


def changes_shown(editor_client, article, version):
    url = reverse("admin:articles_article_revision_changes", args=[article.pk, version.pk])
    html = editor_client.get(url).content.decode()
    row = r'<th scope="row">([^<]+)</th>\s*<td class="revision-diff">(.*?)</td>'
    rows = re.findall(row, html, re.S)
    return html, dict(rows)


def test_what_changed_shows_the_words_removed_and_added(editor_client, article):
    save(editor_client, article)
    save(editor_client, article, title="The chip ships in July")
    save(
        editor_client,
        article,
        **{"timeline_events-0-title": "Announced at the keynote", "faq_items-1-DELETE": "on"},
    )
    third, second, first = versions(article)

    html, rows = changes_shown(editor_client, article, second)
    assert rows == {"Title": "The chip ships in <del>June</del><ins>July</ins>"}
    assert "Compared with the revision saved" in html
    restore = reverse("admin:articles_article_revision", args=[article.pk, second.pk])
    assert f'href="{restore}"' in html

    _, rows = changes_shown(editor_client, article, third)
    assert set(rows) == {"Timeline", "FAQ"}
    assert "4 March 2026: Announced <ins>at the keynote </ins>" in rows["Timeline"]
    assert "<del>Who decides? — The regulator.</del>" in rows["FAQ"]

    html, rows = changes_shown(editor_client, article, first)
    assert "The first revision kept: everything in it is shown as added." in html
    assert rows["Title"] == "<ins>The chip ships in June</ins>"


def test_restoring_an_earlier_revision_brings_back_its_text_and_inlines(
    editor_client, article, django_capture_on_commit_callbacks
):
    save(editor_client, article)  # the revision to come back to
    first = versions(article)[0]
    save(
        editor_client,
        article,
        title="A rewritten title",
        **{"faq_items-1-DELETE": "on"},
    )
    assert article.faq_items.count() == 1
    reader = Client()
    assert "A rewritten title" in reader.get(article.get_absolute_url()).content.decode()

    restore = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    form = editor_client.get(restore)
    assert form.status_code == 200
    assert 'value="The chip ships in June"' in form.content.decode()
    # Looking did not change anything.
    article.refresh_from_db()
    assert article.title == "A rewritten title"

    restored = Article.objects.get(pk=article.pk)
    restored.title = "The chip ships in June"
    data = change_form(restored)
    data["faq_items-TOTAL_FORMS"] = "2"
    data["faq_items-INITIAL_FORMS"] = "2"
    first_faq, second_faq = sorted(
        first.revision.version_set.filter(content_type__model="faqitem").values_list(
            "object_id", flat=True
        ),
        key=int,
    )
    data.update(
        {
            "faq_items-0-id": first_faq,
            "faq_items-0-question": "When will we know?",
            "faq_items-0-answer": "By **June**.",
            "faq_items-1-id": second_faq,
            "faq_items-1-article": str(article.pk),
            "faq_items-1-order": "0",
            "faq_items-1-question": "Who decides?",
            "faq_items-1-answer": "The regulator.",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(restore, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    article.refresh_from_db()
    assert article.title == "The chip ships in June"
    assert sorted(article.faq_items.values_list("question", flat=True)) == [
        "When will we know?",
        "Who decides?",
    ]
    assert "Reverted to previous version" in history(editor_client, article)
    assert "The chip ships in June" in reader.get(article.get_absolute_url()).content.decode()


def test_restoring_a_revision_keeps_the_discussion_s_count(editor_client, article):
    save(editor_client, article)
    version = versions(article)[0]
    assert "search_document" not in version.field_dict
    Article.objects.filter(pk=article.pk).update(comment_count=7)  # readers commented since
    restore = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    article.refresh_from_db()
    assert editor_client.post(restore, change_form(article)).status_code == 302
    article.refresh_from_db()
    assert article.comment_count == 7


def test_publishing_from_the_list_keeps_a_revision(editor_client):
    draft = complete_article(draft=True)
    changelist = reverse("admin:articles_article_changelist")
    editor_client.post(changelist, {"action": "publish_now", "_selected_action": [draft.pk]})
    [version] = versions(draft)
    assert version.revision.get_comment() == "Published from the list of articles."


def test_a_revision_of_another_article_is_not_found_here(editor_client, article):
    other = complete_article()
    save(editor_client, other)
    url = reverse(
        "admin:articles_article_revision_changes", args=[article.pk, versions(other)[0].pk]
    )
    assert editor_client.get(url).status_code == 404


def test_readers_cannot_see_revisions(client, article, django_user_model):
    reader = django_user_model.objects.create_user(email="r@example.com", password="x")
    client.force_login(reader)
    url = reverse("admin:articles_article_history", args=[article.pk])
    assert client.get(url).status_code in {302, 403}


def test_a_save_that_changes_nothing_says_so_though_browsers_send_crlf(editor_client):
    article = complete_article(outlook="We expect it in June.\n\nBut it may slip.")
    browser_sent = {"outlook": article.outlook.replace("\n", "\r\n")}
    browser_sent["faq_items-0-answer"] = article.faq_items.first().answer + "\r\n"
    save(editor_client, article, **browser_sent)
    assert versions(article)[0].revision.get_comment() == "No fields changed."
    assert "\r" not in article.outlook
