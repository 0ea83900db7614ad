"""The site's icons, drawn by Chromium from static/img/favicon.svg and written by Pillow.

After a change to the SVG, `.venv/bin/python -m tests.veridact.icons` writes them again into
static/root/ (served at the site's root as well as under STATIC_URL); tests/veridact/test_icons.py
checks that they still match it.
"""

import base64
import io
import re
import shutil
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "static" / "img" / "favicon.svg"
ICONS = ROOT / "static" / "root"
FAVICON_SIZES = (16, 32, 48)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def brand_colour():
    """The SVG's background, which fills the corners of icons the platform rounds itself."""
    return re.search(r'<rect [^>]*fill="(#[0-9a-fA-F]{6})"', SVG.read_text()).group(1)


def render(sizes):
    """The SVG as Chromium draws it at each size, with transparent rounded corners."""
    from playwright.sync_api import sync_playwright

    source = "data:image/svg+xml;base64," + base64.b64encode(SVG.read_bytes()).decode()
    images = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size in sizes:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                '<body style="margin:0">'
                f'<img src="{source}" width="{size}" height="{size}" style="display:block">'
            )
            png = page.screenshot(omit_background=True)
            images[size] = Image.open(io.BytesIO(png)).convert("RGBA")
            page.close()
        browser.close()
    return images


def square(image):
    """The icon with its corners filled, for home screens that apply their own mask."""
    background = Image.new("RGBA", image.size, brand_colour())
    return Image.alpha_composite(background, image).convert("RGB")


def write_icons():
    images = render({*FAVICON_SIZES, 180, 192, 512})
    # Pillow scales the largest image down to each size unless given one drawn at that size.
    largest, *smaller = (images[size] for size in sorted(FAVICON_SIZES, reverse=True))
    largest.save(
        ICONS / "favicon.ico",
        sizes=[(size, size) for size in FAVICON_SIZES],
        append_images=smaller,
    )
    square(images[180]).save(ICONS / "apple-touch-icon.png", optimize=True)
    images[192].save(ICONS / "icon-192.png", optimize=True)
    images[512].save(ICONS / "icon-512.png", optimize=True)
    square(images[512]).save(ICONS / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    write_icons()
