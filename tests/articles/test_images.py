"""Hero image uploads: strict validation, re-encoding without metadata, renditions."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import validate_image_upload
from articles.services import article_set_hero_image
from tests.articles.factories import ArticleFactory


def image_bytes(fmt="JPEG", size=(1000, 600), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 40, 40) if mode == "RGB" else (200, 40, 40, 128)).save(
        buffer, fmt, **save_options
    )
    return buffer.getvalue()


def upload(data, name="hero.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def png_claiming(width, height):
    """A real small PNG whose header claims other dimensions (with a valid CRC)."""
    data = bytearray(image_bytes("PNG", size=(10, 10)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepts_jpeg_png_and_webp(fmt):
    validate_image_upload(upload(image_bytes(fmt)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (image_bytes("GIF"), "GIF files are not accepted"),
        (image_bytes("BMP"), "BMP files are not accepted"),
        (b"just some text pretending to be a picture", "damaged or truncated, or is not an"),
        (image_bytes()[:2000], "damaged or truncated"),
        (png_claiming(50_000, 50_000), "more pixels than it could safely be opened with"),
        (png_claiming(8_000, 8_000), "the limit is 40 megapixels"),
        (image_bytes(size=(120, 90)), "hero images need at least 400"),
        (image_bytes() + b"PK\x03\x04" + b"\x00" * 40 + b"payload.php", "data besides the image"),
        (image_bytes("PNG") + b"<?php system($_GET['c']); ?>", "data besides the image"),
        (image_bytes(comment=b"<script>alert(1)</script>"), "data besides the image"),
    ],
    ids=[
        "gif",
        "bmp",
        "text",
        "truncated",
        "bomb",
        "too-many-pixels",
        "too-small",
        "jpeg-zip-polyglot",
        "png-php-polyglot",
        "script-in-comment",
    ],
)
def test_rejects_bad_files_with_a_clear_message(data, message):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(data))
    assert message in " ".join(error.value.messages)


def test_rejects_oversized_files_before_reading_them():
    big = SimpleUploadedFile("big.jpg", b"\xff" * (16 * 1024 * 1024))
    with pytest.raises(ValidationError, match="the limit is 15 MB"):
        validate_image_upload(big)


def exif_jpeg():
    """A portrait photo stored sideways with EXIF orientation 6, a GPS block and a camera."""
    image = Image.new("RGB", (1200, 800), (30, 90, 160))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.mark.django_db
def test_processing_applies_orientation_strips_metadata_and_makes_renditions():
    article = ArticleFactory()
    article.hero_image.save("sideways.jpg", upload(exif_jpeg()), save=True)
    article_set_hero_image(article=article)
    article.refresh_from_db()

    renditions = article.hero_renditions
    assert (renditions["width"], renditions["height"]) == (800, 1200)  # now upright
    assert [width for width, _ in renditions["sources"]["webp"]] == [480, 800]
    assert [width for width, _ in renditions["sources"]["jpeg"]] == [480, 800]
    for kind, expected in (("webp", "WEBP"), ("jpeg", "JPEG")):
        for width, name in renditions["sources"][kind]:
            with default_storage.open(name) as stored, Image.open(stored) as image:
                assert image.format == expected
                assert image.width == width
                assert not image.getexif()
    with article.hero_image.open() as master, Image.open(master) as image:
        assert image.size == (800, 1200)
        assert not image.getexif()
        assert b"SecretCam" not in master.read()


@pytest.mark.django_db
def test_transparent_png_is_flattened_for_jpeg():
    article = ArticleFactory()
    article.hero_image.save("logo.png", upload(image_bytes("PNG", mode="RGBA")), save=True)
    article_set_hero_image(article=article)
    name = article.hero_renditions["sources"]["jpeg"][-1][1]
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.mode == "RGB"


@pytest.mark.django_db
def test_picture_markup_has_webp_source_jpeg_fallback_and_dimensions(client):
    article = ArticleFactory(hero_alt="A rocket on the pad", hero_credit="Image: courtesy of NASA")
    article.hero_image.save("rocket.jpg", upload(image_bytes(size=(1800, 1000))), save=True)
    article_set_hero_image(article=article)
    html = client.get(article.get_absolute_url()).content.decode()
    picture = html.split("<picture")[1].split("</picture>")[0]
    assert '<source type="image/webp" srcset="/media/articles/renditions/' in picture
    assert " 480w, " in picture and " 1600w" in picture
    assert 'width="1600" height="889"' in picture
    assert 'alt="A rocket on the pad"' in picture
    assert 'loading="eager"' in picture
    assert "Image: courtesy of NASA" in html
