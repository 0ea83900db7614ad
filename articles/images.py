"""Uploaded images: strict validation (hero images, portraits), re-encoding and renditions.

Hero images are decoded by Pillow and written out again, so nothing of the original file
survives except its pixels: EXIF and GPS data go, orientation is applied, and anything
smuggled inside or after the image data (a polyglot) is rejected before that.
"""

import hashlib
import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_PIXELS = 40_000_000
MIN_WIDTH = 400
# Shown small beside a byline; twice that size stays sharp on dense screens.
PORTRAIT_MIN_WIDTH = 200
RENDITION_WIDTHS = (480, 800, 1200, 1600)
JPEG_QUALITY = 82
WEBP_QUALITY = 80

# Markers of a file that is an image and something else at once.
_POLYGLOT_MARKERS = (b"<script", b"<html", b"<?php", b"<svg", b"<!doctype", b"<iframe")
_END_MARKERS = {"JPEG": b"\xff\xd9", "PNG": b"IEND\xaeB`\x82"}


def _read(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _trailing_bytes(data, image_format):
    """Bytes after the image's end marker, where polyglots hide archives and scripts."""
    marker = _END_MARKERS.get(image_format)
    if marker is None:
        return b""
    end = data.rfind(marker)
    if end < 0:
        return b""
    return data[end + len(marker) :].strip(b"\x00\r\n ")


def validate_image_upload(file, *, min_width=MIN_WIDTH, kind="hero images"):
    """Reject anything but a whole, modest JPEG, PNG or WebP that is only an image."""
    size = getattr(file, "size", None)
    limit = settings.IMAGE_UPLOAD_MAX_SIZE
    if size is not None and size > limit:
        raise ValidationError(
            f"This image is {size / 1024 / 1024:.1f} MB; the limit is {limit / 1024 / 1024:g} MB.",
            code="too_large",
        )
    data = _read(file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        f"{image_format or 'This'} files are not accepted; upload a JPEG, PNG or "
                        "WebP image.",
                        code="format",
                    )
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        f"This image is {width}×{height} pixels; the limit is "
                        f"{MAX_PIXELS // 1_000_000} megapixels.",
                        code="too_many_pixels",
                    )
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This image declares more pixels than it could safely be opened with.", code="bomb"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This file is damaged or truncated, or is not an image; export it again and retry.",
            code="invalid",
        ) from None
    if width < min_width:
        raise ValidationError(
            f"This image is {width} pixels wide; {kind} need at least {min_width}.",
            code="too_small",
        )
    lowered = data.lower()
    if _trailing_bytes(data, image_format) or any(m in lowered for m in _POLYGLOT_MARKERS):
        raise ValidationError(
            "This file carries data besides the image (it may be a disguised script or "
            "archive); export the picture again as a plain image.",
            code="polyglot",
        )


def _encode(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def _flatten(image):
    """An RGB image for JPEG: transparency goes onto white."""
    if image.mode in {"RGBA", "LA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def make_renditions(file, *, storage, prefix="articles"):
    """Re-encode an uploaded image and store WebP and JPEG renditions; describe them."""
    data = _read(file)
    with Image.open(io.BytesIO(data)) as opened:
        image = _flatten(ImageOps.exif_transpose(opened))
    digest = hashlib.sha256(data).hexdigest()[:16]
    width, height = image.size
    widths = [w for w in RENDITION_WIDTHS if w < width] + [min(width, RENDITION_WIDTHS[-1])]
    sources = {"webp": [], "jpeg": []}
    for target in sorted(set(widths)):
        resized = image.resize((target, round(height * target / width)), Image.Resampling.LANCZOS)
        for kind, encoded in (
            ("webp", _encode(resized, "WEBP", quality=WEBP_QUALITY, method=4)),
            ("jpeg", _encode(resized, "JPEG", quality=JPEG_QUALITY, optimize=True)),
        ):
            name = f"{prefix}/renditions/{digest}-{target}.{'jpg' if kind == 'jpeg' else kind}"
            if not storage.exists(name):
                name = storage.save(name, ContentFile(encoded))
            sources[kind].append([target, name])
    master = _encode(image, "JPEG", quality=90)
    return {
        "width": sources["jpeg"][-1][0],
        "height": round(height * sources["jpeg"][-1][0] / width),
        "sources": sources,
    }, ContentFile(master, name=f"{digest}.jpg")


THUMBNAIL_WIDTH = 320


def make_thumbnail(file, *, width=THUMBNAIL_WIDTH):
    """A small JPEG of an uploaded image for the admin's forms (EXIF and all else dropped).

    Returns (file, width, height).
    """
    data = _read(file)
    with Image.open(io.BytesIO(data)) as opened:
        image = _flatten(ImageOps.exif_transpose(opened))
    image.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
    encoded = _encode(image, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(encoded, name="thumbnail.jpg"), image.width, image.height
