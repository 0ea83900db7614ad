"""Every page carries the Content-Security-Policy, Permissions-Policy and the other security
headers, cached ones too."""

import gzip
import re
from pathlib import Path

import pytest

from articles.models import Article
from tests.accounts.factories import ReaderFactory
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# What the policy refuses in a page: an inline <script> (one with a src= is a file, and a
# JSON data block never runs), a <style> element, a style= attribute, an inline event
# handler and a javascript: URL.
INLINE = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/(?:ld\+)?json\"))[^>]*>"
    r"|<style\b|\sstyle=|\son[a-z]+=|javascript:",
    re.IGNORECASE,
)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: sources
        for name, _, sources in (part.strip().partition(" ") for part in policy.split(";"))
    }


def test_the_policy_allows_only_the_sites_own_files(client):
    ArticleFactory()
    response = client.get("/")
    assert directives(response) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert "Content-Security-Policy-Report-Only" not in response


def test_a_new_policy_in_the_settings_is_sent_at_once(client, settings):
    # The policy is built once a process (veridact.middleware), and again when it changes.
    assert "default-src 'self'" in client.get("/")["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert client.get("/")["Content-Security-Policy"] == "default-src 'none'"


def test_permissions_policy_turns_off_powerful_features(client):
    response = client.get("/")
    features = dict(
        feature.strip().split("=") for feature in response["Permissions-Policy"].split(",")
    )
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]:
        assert features[feature] == "()"
    assert set(features.values()) == {"()"}


# What a page served from the cache carries as the page rendered did: its hits skip the
# middleware below the page cache's, so those above it must add every header.
CACHED_PAGE_HEADERS = [
    "Content-Type",
    "Cache-Control",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
]


@pytest.mark.parametrize("locally", [0, 2], ids=["shared-cache", "worker-copy"])
@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_pages_from_the_page_cache_carry_both_headers(client, settings, locally, encoding):
    settings.CACHE_PUBLIC_PAGES_LOCALLY = locally
    article = ArticleFactory(title="The title the cache keeps")
    first = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=encoding)
    # A change that bypasses invalidation: only a page served from the cache still shows
    # the old title.
    Article.objects.filter(pk=article.pk).update(title="A title nobody has seen")
    cached = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING=encoding)
    assert (cached.get("Content-Encoding") == "gzip") is bool(encoding)
    content = gzip.decompress(cached.content) if encoding else cached.content
    assert b"The title the cache keeps" in content
    assert cached["X-Page-Cache"] == "hit"
    for header in CACHED_PAGE_HEADERS:
        assert cached[header] == first[header]


def test_signed_in_pages_and_error_pages_carry_both_headers(client):
    client.force_login(ReaderFactory())
    for path, status in [("/accounts/settings/", 200), ("/no-such-page/", 404)]:
        response = client.get(path)
        assert response.status_code == status
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "camera=()" in response["Permissions-Policy"]


def test_templates_served_as_pages_have_no_inline_script_style_or_handler():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group()}"
        for path in TEMPLATES.rglob("*.html")
        # Emails are not pages: mail clients need their inline styles.
        if "email" not in path.relative_to(TEMPLATES).parts
        for match in INLINE.finditer(path.read_text())
    ]
    assert found == []


def test_the_template_check_finds_what_the_policy_refuses():
    for markup in [
        "<script>alert(1)</script>",
        '<script type="module">x()</script>',
        "<style>p{}</style>",
        '<p style="color: red">',
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ]:
        assert INLINE.search(markup), markup
    assert not INLINE.search('<script src="/static/js/site.js" defer></script>')
    assert not INLINE.search('<script id="data" type="application/json">{"a": 1}</script>')
