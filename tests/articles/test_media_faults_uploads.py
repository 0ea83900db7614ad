"""The media storage failing on uploads other than an article's new hero image: an author's
portrait, an image kept from an earlier failed save, a revision restored with a new image,
and the nightly purge of kept images. As in test_media_faults.py, the form comes back with
what the editor typed and nothing of the save is kept."""

import datetime
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from articles.models import Article, Author, PendingUpload
from articles.uploads import pending_uploads_purge
from tests.articles.factories import complete_article
from tests.articles.media_faults import (
    NO_BUCKET,
    NOT_ANSWERING,
    Saved,
    assert_shown_again,
    bucket_keys,
    media_at,
    storage_errors_logged,
    typed,
)
from tests.articles.test_admin import ADD_URL, article_form, change_form
from tests.articles.test_kept_uploads import kept_token
from tests.articles.test_media_s3 import png
from tests.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.mark.s3
def test_an_author_s_portrait_that_cannot_be_stored_gives_the_form_back(
    editor_client, settings, s3_media, caplog
):
    add = reverse("admin:articles_author_add")
    media_at(settings, f"http://127.0.0.1:{free_port()}")
    saved = Saved()

    def form():
        portrait = SimpleUploadedFile("ada.png", png((600, 600)), "image/png")
        return {
            "name": "Ada Lovelace",
            "slug": "ada",
            "bio": "Writes on chips.",
            "portrait": portrait,
        }

    data = form()
    response = editor_client.post(add, data)

    assert_shown_again(response, data, NOT_ANSWERING, field="portrait")
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "EndpointConnectionError")

    s3_media.use()
    assert editor_client.post(add, form()).status_code == 302
    assert Author.objects.get(slug="ada").portrait.name in bucket_keys(
        s3_media.endpoint, s3_media.bucket
    )


@pytest.mark.s3
def test_an_image_kept_from_a_mistake_stays_kept_while_the_bucket_is_down(
    editor_client, settings, s3_media, caplog
):
    token = kept_token(editor_client.post(ADD_URL, typed(hero_alt="")))  # a mistake
    media_at(settings, f"http://127.0.0.1:{free_port()}")
    data = article_form(hero_alt="A chip on a board", hero_credit="Photo: Fab", pending_hero=token)
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    message = NOT_ANSWERING.replace(
        "The image could not be stored", "The image kept from your last try could not be read"
    )
    html = assert_shown_again(response, data, message)
    assert kept_token(response) == token  # the next try takes it again
    assert "chip.png is saved with the article unless you choose another file." in html
    assert saved.now() == saved.before
    assert [r.name for r in caplog.records if r.levelno == logging.ERROR] == ["articles.forms"]

    s3_media.use()
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_image.name in bucket_keys(s3_media.endpoint, s3_media.bucket)
    assert not PendingUpload.objects.exists()


@pytest.mark.s3
def test_a_mistake_while_the_bucket_is_down_asks_for_the_image_again(
    editor_client, settings, caplog
):
    media_at(settings, f"http://127.0.0.1:{free_port()}")
    data = typed(hero_alt="")  # the form is refused for the missing description
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["hero_alt"] == ["Describe the image for readers who can't see it."]
    assert errors["hero_image"] == [
        "This image could not be kept for your next try: the media storage is not answering. "
        "Choose the file again when you save."
    ]
    html = response.content.decode()
    assert "Choose the file again when you save." in html
    assert 'name="pending_hero" value=' not in html
    assert f'name="title" value="{escape(data["title"])}"' in html
    assert saved.now() == saved.before
    assert [r.name for r in caplog.records if r.levelno == logging.ERROR] == ["articles.forms"]


@pytest.mark.s3
def test_restoring_a_revision_with_a_new_image_gives_the_form_back_if_it_cannot_be_stored(
    editor_client, settings, s3_endpoint
):
    article = complete_article(title="The chip ships in June")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.post(url, change_form(article)).status_code == 302
    version = Version.objects.get_for_object(article).get()
    media_at(settings, s3_endpoint, bucket=f"veridact-missing-{free_port()}")
    data = change_form(article, title="The chip ships in June, again", hero_alt="A chip")
    data["hero_image"] = SimpleUploadedFile("chip.png", png(), "image/png")
    saved = Saved()

    restore = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    response = editor_client.post(restore, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"] == [NO_BUCKET]
    assert 'value="The chip ships in June, again"' in response.content.decode()
    assert saved.now() == saved.before
    article.refresh_from_db()
    assert article.title == "The chip ships in June"


@pytest.mark.s3
def test_a_kept_image_the_bucket_will_not_delete_waits_for_the_next_purge(
    editor_client, settings, s3_media, caplog
):
    token = kept_token(editor_client.post(ADD_URL, typed(hero_alt="")))  # a mistake
    kept = PendingUpload.objects.get(token=token)
    later = kept.created_at + datetime.timedelta(days=2)
    media_at(settings, f"http://127.0.0.1:{free_port()}")

    assert pending_uploads_purge(now=later) == 0
    assert list(PendingUpload.objects.all()) == [kept]
    [warning] = [r for r in caplog.records if r.name == "articles.uploads"]
    assert warning.levelno == logging.WARNING
    assert "EndpointConnectionError" in warning.getMessage()

    s3_media.use()
    assert pending_uploads_purge(now=later) == 1
    assert not PendingUpload.objects.exists()
    assert not {kept.file.name, kept.thumbnail.name} & bucket_keys(
        s3_media.endpoint, s3_media.bucket
    )
