"""Media on S3: uploads and renditions go to the bucket and are served from it, or a CDN.

These run against moto's S3 server in its own process (the `s3_media` fixture), through
the admin an editor uses and the article page a reader gets.
"""

import io
import re
import time
import urllib.request

import pytest
from botocore.exceptions import ReadTimeoutError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from storages.backends.s3 import S3Storage

from articles.models import Article, Author
from tests.articles.test_admin import ADD_URL, article_form
from veridact.storage import s3_media_storage

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def png(size=(1300, 700), colour=(10, 120, 90)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def publish_with_hero(editor_client):
    data = article_form(hero_alt="A chip on a board")
    data["hero_image"] = SimpleUploadedFile("chip.png", png(), "image/png")
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 302
    editor_client.logout()
    return Article.objects.get()


def picture_urls(html):
    picture = html.split("<picture")[1].split("</picture>")[0]
    urls = re.findall(r'src="([^"]+)"', picture)
    for srcset in re.findall(r'srcset="([^"]+)"', picture):
        urls += [candidate.split()[0] for candidate in srcset.split(", ")]
    return urls


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the S3 server)
        return response.headers, response.read()


def test_admin_upload_lands_in_the_bucket_and_the_page_serves_it_from_there(
    editor_client, client, s3_media
):
    article = publish_with_hero(editor_client)

    renditions = article.hero_renditions["sources"]
    stored = {name for kind in ("webp", "jpeg") for _, name in renditions[kind]}
    assert len(stored) == 8  # 480, 800, 1200 and 1300 wide, each as WebP and JPEG
    # The re-encoded master and the renditions; the upload as sent is gone.
    assert s3_media.keys() == stored | {article.hero_image.name}
    assert article.hero_image.name.startswith("articles/originals/")

    html = client.get(article.get_absolute_url()).content.decode()
    urls = picture_urls(html)
    bucket_url = f"{s3_media.endpoint}/{s3_media.bucket}/"
    assert len(urls) == 9  # the srcsets and the fallback <img>, one of the JPEGs
    assert {url.removeprefix(bucket_url) for url in urls} == stored
    for url in set(urls):
        headers, body = fetch(url)
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        kind = "image/webp" if url.endswith(".webp") else "image/jpeg"
        assert headers["Content-Type"] == kind
        with Image.open(io.BytesIO(body)) as image:
            assert image.width == int(url.rsplit("-", 1)[1].split(".")[0])
    # Social cards and JSON-LD point at the bucket too, not at this site.
    assert f'<meta property="og:image" content="{bucket_url}articles/renditions/' in html


def test_with_a_cdn_in_front_pages_point_at_the_cdn(editor_client, client, s3_media):
    s3_media.use(public_url="https://cdn.veridact.example/media")
    article = publish_with_hero(editor_client)

    html = client.get(article.get_absolute_url()).content.decode()
    urls = set(picture_urls(html))
    cdn = "https://cdn.veridact.example/media/"
    assert all(url.startswith(cdn) for url in urls), urls
    # The CDN fetches the same paths from the bucket, which answer with the long lifetime.
    for url in urls:
        head = s3_media.client.head_object(Bucket=s3_media.bucket, Key=url.removeprefix(cdn))
        assert head["CacheControl"] == "public, max-age=31536000, immutable"


def test_an_object_is_never_overwritten_so_caching_it_for_good_is_safe(editor_client, s3_media):
    # Two authors' portraits uploaded under the same file name: the second gets a name of
    # its own instead of replacing the first, which a CDN may hold for a year.
    add = reverse("admin:articles_author_add")
    for name, colour in (("Ada", (200, 0, 0)), ("Bea", (0, 0, 200))):
        portrait = SimpleUploadedFile("portrait.png", png((600, 600), colour), "image/png")
        data = {"name": name, "slug": name.lower(), "bio": "", "portrait": portrait}
        assert editor_client.post(add, data).status_code == 302
    ada, bea = Author.objects.get(slug="ada"), Author.objects.get(slug="bea")
    assert ada.portrait.name != bea.portrait.name
    for author, colour in ((ada, (200, 0, 0)), (bea, (0, 0, 200))):
        _, body = fetch(author.portrait.url)
        with Image.open(io.BytesIO(body)) as image:
            assert image.getpixel((0, 0)) == colour


@pytest.mark.slow
def test_a_bucket_that_stops_answering_fails_an_upload_within_seconds(silent_endpoint):
    # The first call (whether the name is taken) gives up after two tries of five seconds,
    # before gunicorn's 30 s timeout would kill the worker: boto3 alone waits three minutes.
    _, media = s3_media_storage(
        bucket="veridact-media",
        endpoint_url=silent_endpoint,
        region="us-east-1",
        access_key="testing",
        secret_key="testing",
    )
    storage = S3Storage(**media["OPTIONS"])
    started = time.monotonic()
    with pytest.raises(ReadTimeoutError):
        storage.save("articles/chip.png", ContentFile(png()))
    assert time.monotonic() - started < 25
