"""A hero image survives a failed save: the admin keeps a valid chosen image as a pending
upload, shows its thumbnail, and saves it on the next try without the editor choosing it
again; the current hero image shows as a thumbnail too."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, PendingUpload
from articles.tasks import purge_pending_uploads
from articles.uploads import pending_upload_keep
from tests.articles.factories import complete_article
from tests.articles.test_admin import ADD_URL, article_form, change_form

pytestmark = pytest.mark.django_db


def png(size=(1300, 700), colour=(10, 120, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile("chip.png", buffer.getvalue(), "image/png")


def kept_token(response):
    assert response.status_code == 200, "the form should have been refused"
    html = response.content.decode()
    match = re.search(r'<input type="hidden" name="pending_hero" value="([^"]+)"', html)
    assert match, "the form carries no kept image"
    return match[1]


def test_an_image_chosen_before_a_mistake_is_saved_on_the_next_try(editor_client):
    data = article_form(hero_credit="Image: courtesy of Fab")  # but no alt text
    data["hero_image"] = png()
    response = editor_client.post(ADD_URL, data)
    token = kept_token(response)
    html = response.content.decode()
    assert "Describe the image" in html
    kept = PendingUpload.objects.get(token=token)
    # Its thumbnail is shown, small and re-encoded, and the editor is told what happens.
    assert f'<img src="{kept.thumbnail.url}" width="160" height="86" alt="">' in html
    assert "Kept from your last try: chip.png" in html
    assert "chip.png is saved with the article unless you choose another file." in html
    with default_storage.open(kept.thumbnail.name) as thumbnail, Image.open(thumbnail) as image:
        assert (image.format, image.size) == ("JPEG", (320, 172))

    # The editor fixes the mistake and saves without choosing the image again.
    data = article_form(hero_alt="A chip on a board", hero_credit="Image: courtesy of Fab")
    data["pending_hero"] = token
    assert editor_client.post(ADD_URL, data).status_code == 302

    article = Article.objects.get()
    assert article.hero_image.name.startswith("articles/originals/")
    assert [w for w, _ in article.hero_renditions["sources"]["jpeg"]] == [480, 800, 1200, 1300]
    assert not PendingUpload.objects.exists()
    for name in (kept.file.name, kept.thumbnail.name):
        assert not default_storage.exists(name)


def test_an_error_in_an_inline_keeps_the_image_too(editor_client):
    data = article_form(hero_alt="A chip on a board")
    data["timeline_events-0-when"] = "June 2026"
    data["hero_image"] = png()
    token = kept_token(editor_client.post(ADD_URL, data))

    data = article_form(hero_alt="A chip on a board", pending_hero=token)
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_renditions["width"] == 1300


def test_a_second_mistake_keeps_it_again_and_lets_the_first_copy_go(editor_client):
    data = article_form()
    data["hero_image"] = png()
    first = kept_token(editor_client.post(ADD_URL, data))
    first_files = PendingUpload.objects.get(token=first)

    second = kept_token(editor_client.post(ADD_URL, article_form(pending_hero=first)))
    assert second != first
    assert list(PendingUpload.objects.values_list("token", flat=True)) == [second]
    assert not default_storage.exists(first_files.file.name)

    data = article_form(hero_alt="A chip", pending_hero=second)
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_image


def test_choosing_another_file_replaces_the_kept_one(editor_client):
    data = article_form()
    data["hero_image"] = png(colour=(200, 0, 0))
    token = kept_token(editor_client.post(ADD_URL, data))

    data = article_form(hero_alt="A chip", pending_hero=token)
    data["hero_image"] = png(size=(900, 600))
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_renditions["width"] == 900
    assert not PendingUpload.objects.exists()


def test_clearing_the_image_leaves_the_kept_one_out(editor_client):
    article = complete_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form(article, outlook="")
    data["hero_image"] = png()
    token = kept_token(editor_client.post(url, data))

    data = change_form(article, pending_hero=token)
    data["hero_image-clear"] = "on"
    assert editor_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert not article.hero_image


def test_an_invalid_image_is_not_kept(editor_client):
    data = article_form(hero_alt="A chip")
    data["hero_image"] = SimpleUploadedFile("chip.jpg", b"GIF89a not really", "image/jpeg")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert 'name="pending_hero" value="' not in response.content.decode()
    assert not PendingUpload.objects.exists()


def test_an_unknown_or_expired_token_is_no_image(editor_client):
    data = article_form(pending_hero="made-up")
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert not Article.objects.get().hero_image


def test_the_change_form_shows_the_current_hero_image(editor_client):
    data = article_form(hero_alt="A chip on a board")
    data["hero_image"] = png()
    assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    smallest = article.hero_renditions["sources"]["jpeg"][0][1]

    url = reverse("admin:articles_article_change", args=[article.pk])
    html = editor_client.get(url).content.decode()
    thumbnail = f'<img src="{default_storage.url(smallest)}" width="160" height="86" alt="">'
    assert thumbnail + "<figcaption>The current hero image</figcaption>" in html


def test_kept_images_go_after_a_day():
    start = datetime.datetime(2030, 1, 7, 12, tzinfo=datetime.UTC)
    with time_machine.travel(start):
        old = pending_upload_keep(upload=png())
    with time_machine.travel(start + datetime.timedelta(hours=23)):
        fresh = pending_upload_keep(upload=png())
        assert purge_pending_uploads.delay().get() == 0
    with time_machine.travel(start + datetime.timedelta(hours=25)):
        assert purge_pending_uploads.delay().get() == 1
    assert list(PendingUpload.objects.all()) == [fresh]
    assert not default_storage.exists(old.file.name)
    assert not default_storage.exists(old.thumbnail.name)
