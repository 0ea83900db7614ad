"""Uploads and request sizes: an author's portrait is checked like a hero image, and a
request larger than the site takes gets a clear 4xx page, never a 500."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Author
from tests.articles.factories import AuthorFactory
from tests.articles.test_images import image_bytes, png_claiming

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_author_add")
MB = 1024 * 1024


def author_form(portrait, **fields):
    return {"name": "Ada Byline", "slug": "ada-byline", "bio": "", "portrait": portrait, **fields}


def portrait(data, name="portrait.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def errors_of(response):
    assert response.status_code == 200  # the form again, with its errors
    return " ".join(re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S))


def test_an_editor_adds_an_author_with_a_portrait(editor_client):
    response = editor_client.post(ADD_URL, author_form(portrait(image_bytes(size=(300, 300)))))
    assert response.status_code == 302
    author = Author.objects.get(slug="ada-byline")
    with Image.open(author.portrait) as stored:
        assert stored.size == (300, 300)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (image_bytes("GIF", size=(300, 300)), "GIF files are not accepted"),
        (b"<?php system($_GET['c']); ?>", "damaged or truncated, or is not an image"),
        (png_claiming(50_000, 50_000), "more pixels than it could safely be opened with"),
        (png_claiming(8_000, 8_000), "the limit is 40 megapixels"),
        (image_bytes(size=(120, 120)), "portraits need at least 200"),
        (image_bytes(size=(300, 300)) + b"<script>alert(1)</script>", "data besides the image"),
        (b"\xff\xd8" + b"\x00" * (16 * MB), "the limit is 15 MB"),
    ],
    ids=["gif", "php", "bomb", "too-many-pixels", "too-small", "polyglot", "too-large"],
)
def test_a_bad_portrait_is_refused_with_a_clear_message(editor_client, data, message):
    response = editor_client.post(ADD_URL, author_form(portrait(data)))
    assert message in errors_of(response)
    assert not Author.objects.exists()


def test_a_bad_portrait_leaves_an_author_as_they_were(editor_client):
    author = AuthorFactory(name="Ada Byline", slug="ada-byline")
    url = reverse("admin:articles_author_change", args=[author.pk])
    response = editor_client.post(url, author_form(portrait(image_bytes("BMP", size=(300, 300)))))
    assert "BMP files are not accepted" in errors_of(response)
    author.refresh_from_db()
    assert not author.portrait


def test_a_request_larger_than_the_site_takes_answers_413(editor_client):
    size = settings.REQUEST_MAX_SIZE + MB
    response = editor_client.post(ADD_URL, author_form(portrait(b"\xff" * size)))
    assert response.status_code == 413
    assert "larger than the 20 MB we accept" in response.text
    assert "Images may be up to 15 MB" in response.text
    assert not Author.objects.exists()


def test_form_fields_larger_than_the_site_takes_answer_400(client):
    body = {"email": "reader@example.com", "note": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post(reverse("newsletter:subscribe"), body)
    assert response.status_code == 400
    assert "We couldn't read that request" in response.text


def test_too_many_fields_or_files_answer_400(editor_client):
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert editor_client.post(ADD_URL, fields).status_code == 400
    files = {
        f"file{n}": portrait(image_bytes(size=(300, 300)))
        for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    response = editor_client.post(ADD_URL, author_form("", **files))
    assert response.status_code == 400
    assert "We couldn't read that request" in response.text


def test_the_sizes_fit_together_and_the_readme_gives_the_proxy_the_same_limit():
    image_and_fields = settings.IMAGE_UPLOAD_MAX_SIZE + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert image_and_fields < settings.REQUEST_MAX_SIZE
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert f"client_max_body_size {settings.REQUEST_MAX_SIZE // MB}m;" in readme


def test_an_author_keeps_their_portrait_when_only_the_bio_changes(editor_client):
    author = AuthorFactory(name="Ada Byline", slug="ada-byline")
    author.portrait.save("ada.jpg", ContentFile(image_bytes(size=(300, 300))))
    url = reverse("admin:articles_author_change", args=[author.pk])
    response = editor_client.post(url, author_form("", bio="New bio."))
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.bio == "New bio." and author.portrait.name.startswith("authors/ada")
