"""The site's icons and web manifest: at the site's root where browsers look for them, linked
from every page, with the right types, and drawn from static/img/favicon.svg."""

import io
import json
import re
from urllib.parse import urljoin

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.veridact import icons

pytestmark = pytest.mark.django_db


def image(response):
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_favicon_ico_is_served_at_the_root_with_every_size(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    favicon = image(response)
    assert favicon.format == "ICO"
    assert favicon.ico.sizes() == {(16, 16), (32, 32), (48, 48)}


def test_apple_touch_icon_is_an_opaque_180_pixel_png(client):
    response = client.get("/apple-touch-icon.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    icon = image(response)
    # iOS rounds the corners itself and shows transparent ones black.
    assert (icon.format, icon.size, icon.mode) == ("PNG", (180, 180), "RGB")


def test_pages_link_the_icons_and_a_manifest_whose_icons_exist(client):
    html = client.get("/").content.decode()
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html))
    assert links.keys() == {"icon", "apple-touch-icon", "manifest"}
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    for url in links.values():
        assert client.get(url).status_code == 200, url

    for address in (links["manifest"], "/site.webmanifest"):
        response = client.get(address)
        assert response["Content-Type"] == "application/manifest+json"
        manifest = json.loads(b"".join(response.streaming_content))
        assert manifest["name"] == "Veridact" and manifest["start_url"] == "/"
        for entry in manifest["icons"]:
            icon = image(client.get(urljoin(address, entry["src"])))
            assert "x".join(map(str, icon.size)) == entry["sizes"]
        assert {entry.get("purpose", "any") for entry in manifest["icons"]} == {"any", "maskable"}


@pytest.mark.browser
def test_the_icons_are_drawn_from_the_svg():
    """After a change to favicon.svg, `python -m tests.veridact.icons` draws them again."""
    drawn = icons.render([16, 32, 48, 180, 192, 512])
    favicon = Image.open(icons.ICONS / "favicon.ico")
    committed = {size: favicon.ico.getimage((size, size)) for size in icons.FAVICON_SIZES}
    committed[180] = Image.open(icons.ICONS / "apple-touch-icon.png")
    committed[192] = Image.open(icons.ICONS / "icon-192.png")
    committed[512] = Image.open(icons.ICONS / "icon-512.png")
    for size, icon in committed.items():
        expected = icons.square(drawn[size]) if size == 180 else drawn[size]
        difference = ImageChops.difference(icon.convert("RGBA"), expected.convert("RGBA"))
        # Rasterisers differ by a shade at the antialiased edges; a changed drawing differs
        # by far more.
        assert max(ImageStat.Stat(difference).mean) < 4, size
