"""The shipped Varnish configuration (deploy/varnish/default.vcl) in front of the site.

Debian's varnishd runs the file as shipped, its backend pointed at the live test server.
Readers and editors go through Varnish: anonymous readers share cached pages, signed-in
readers and forms never do, a correction reaches readers when the page's short lifetime
runs out (nothing purges), and while the site is down Varnish serves what it has.
"""

import importlib
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from articles import services
from discussion.models import Comment
from newsletter.models import Subscriber
from pagecache.versions import forget_everything
from tests.accounts.factories import EditorFactory, ReaderFactory
from tests.articles.factories import complete_article
from tests.articles.test_admin import change_form
from tests.conftest import SBIN_PATH
from veridact import urls

# Committed data, which the live server sees (what migrations made is gone after a flush:
# `editors_group` makes the group again).
pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"


def editors_group():
    """The Editors group as the articles migration makes it, made again after a flush."""
    migration = importlib.import_module("articles.migrations.0002_categories_pages_editors")
    create_permissions(apps.get_app_config("articles"), verbosity=0)
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", content_type__model__in=migration.EDITOR_MODELS
        )
    )
    return group


def broken_article(request, category, slug):
    raise RuntimeError("The database went away")


# The site with article pages that fail (ROOT_URLCONF for one test); /readyz still answers.
urlpatterns = [path("<slug:category>/<slug:slug>/", broken_article), *urls.urlpatterns]
handler500 = urls.handler500


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Varnish:
    """varnishd in the foreground, in a work folder of its own, before the live server."""

    def __init__(self, folder: Path, backend_port: int):
        self.folder = folder
        self.backend_url = f"http://127.0.0.1:{backend_port}"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        vcl = folder / "default.vcl"
        shipped = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
        vcl.write_text(shipped.replace('"veridact.example"', '"127.0.0.1"'))
        self.process = subprocess.Popen(
            [shutil.which("varnishd", path=SBIN_PATH), "-F", "-j", "none"]
            + ["-n", str(folder / "work"), "-a", f"127.0.0.1:{self.port}", "-f", str(vcl)]
            + ["-s", "malloc,32m", "-T", f"127.0.0.1:{free_port()}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while not self.healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"varnishd did not start: {self.process.stderr.read()}")
            time.sleep(0.2)

    def healthy(self):
        """Whether varnishd answers and its probe of /readyz finds the site up."""
        if self.process.poll() is not None:
            return False
        backends = self.admin("backend.list", check=False)
        return " healthy " in backends

    def admin(self, *command, check=True):
        result = subprocess.run(
            [shutil.which("varnishadm", path=SBIN_PATH), "-n", str(self.folder / "work"), *command],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def get(self, path, **kwargs):
        return requests.get(f"{self.url}{path}", timeout=10, **kwargs)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def varnish(live_server, tmp_path):
    server = Varnish(tmp_path, int(live_server.url.rsplit(":", 1)[1]))
    yield server
    server.stop()


@pytest.fixture
def short_lifetime(settings):
    """Pages live 2 s in caches (30 s in production), so a test sees them expire."""
    settings.PUBLIC_PAGE_CACHE_CONTROL = {
        "max_age": 2,
        "s_maxage": 2,
        "stale_while_revalidate": 2,
        "stale_if_error": 3600,
    }
    return 2


def cookies_of(user):
    """A browser's cookies for `user`, signed in, with the CSRF token its forms carry."""
    client = Client()
    client.force_login(user)
    token = secrets.token_hex(16)  # Django takes an unmasked 32-character secret as is
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: token,
    }, token


def test_anonymous_readers_share_a_cached_page_and_signed_in_readers_never_do(varnish):
    article = complete_article()
    path = article.get_absolute_url()
    first, second = varnish.get(path), varnish.get(path)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert second.text == first.text
    assert "stale-while-revalidate" in second.headers["Cache-Control"]
    # Cookies that do not make a reader known (the CSRF cookie, analytics) still get the copy.
    other = varnish.get(path, cookies={"csrftoken": "x" * 32, "_ga": "GA1.2.3"})
    assert other.headers["X-Cache"] == "HIT"

    reader = ReaderFactory(display_name="Ottilie Reader")
    cookies, token = cookies_of(reader)
    for _ in range(2):
        mine = varnish.get(path, cookies=cookies)
        assert mine.headers["X-Cache"] == "PASS"
        assert "Ottilie Reader" in mine.text
        assert "private" in mine.headers["Cache-Control"]
    assert "Ottilie Reader" not in varnish.get(path).text

    # A comment (a POST) goes through to the site, and the reader sees it at once.
    action = reverse("discussion:comment_post", args=[article.pk])
    response = requests.post(
        f"{varnish.url}{action}",
        data={"csrfmiddlewaretoken": token, "body": "Posted through Varnish."},
        cookies=cookies,
        timeout=10,
    )
    assert response.status_code == 200
    assert Comment.objects.get().body == "Posted through Varnish."
    assert "Posted through Varnish." in varnish.get(path, cookies=cookies).text


def test_a_correction_reaches_readers_when_the_page_lifetime_runs_out(varnish, short_lifetime):
    article = complete_article(headline="The chip ships in March.")
    path = article.get_absolute_url()
    assert "ships in March" in varnish.get(path).text
    editor = EditorFactory()
    editor.groups.add(editors_group())
    cookies, token = cookies_of(editor)

    # The editor corrects the article in the admin, through Varnish, like any request.
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form(article, headline="The chip ships in May.", csrfmiddlewaretoken=token)
    response = requests.post(
        f"{varnish.url}{change}", data=data, cookies=cookies, allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text[:3000]
    corrected = time.monotonic()
    assert varnish.get(path).headers["X-Cache"] == "HIT"  # nothing purged

    # A reader reloading every 0.1 s, as a busy page's readers do.
    while "ships in May" not in (page := varnish.get(path)).text:
        assert time.monotonic() - corrected < short_lifetime + 1, page.headers
        time.sleep(0.1)
    assert "ships in March" not in page.text


def test_past_its_lifetime_a_page_is_served_stale_only_while_the_site_is_down(
    varnish, short_lifetime
):
    article = complete_article(headline="Old headline.")
    path = article.get_absolute_url()
    varnish.get(path)
    article.headline = "New headline."
    services.article_save(article=article)
    # Past the lifetime and the stale-while-revalidate window (2 s each) the site is up, so
    # the reader waits for the new page rather than being served the old one.
    time.sleep(2 * short_lifetime + 0.5)
    fresh = varnish.get(path)
    assert "New headline." in fresh.text
    assert fresh.headers["X-Cache"] == "MISS"

    # Down: a change the site made cannot be fetched, and readers get what Varnish holds
    # (stale-if-error) long after its window, instead of an error.
    varnish.admin("backend.set_health", "veridact", "sick")
    article.headline = "Newest headline."
    services.article_save(article=article)
    time.sleep(2 * short_lifetime + 0.5)
    stale = varnish.get(path)
    assert stale.status_code == 200
    assert "New headline." in stale.text
    assert int(stale.headers["Age"]) >= 2 * short_lifetime

    varnish.admin("backend.set_health", "veridact", "auto")  # back to the probe: healthy
    assert "Newest headline." in varnish.get(path).text


def test_a_refresh_that_fails_keeps_the_stale_page(varnish, short_lifetime, settings):
    article = complete_article(headline="Still here.")
    path = article.get_absolute_url()
    varnish.get(path)
    time.sleep(short_lifetime + 0.3)  # past its lifetime, inside stale-while-revalidate
    settings.ROOT_URLCONF = __name__  # the article page now answers 500
    forget_everything()  # and the site's own page cache no longer has it
    assert requests.get(f"{varnish.backend_url}{path}", timeout=10).status_code == 500
    for _ in range(3):  # each starts a refresh in the background, which fails
        page = varnish.get(path)
        assert page.status_code == 200
        assert "Still here." in page.text
        time.sleep(0.2)


def test_only_what_the_site_marks_public_is_kept(varnish, settings):
    # A scheduled article's address answers 404 until it is published, then the article.
    article = complete_article(draft=True, headline="Out at nine.")
    path = article.get_absolute_url()
    for _ in range(2):
        assert varnish.get(path).status_code == 404
    article.status = "published"
    article.published_at = timezone.now()
    services.article_save(article=article)
    assert "Out at nine." in varnish.get(path).text


def test_plain_http_and_https_are_kept_apart(varnish):
    # Behind a TLS proxy the site answers http:// with a redirect to https://
    # (SECURE_SSL_REDIRECT, read once when gunicorn starts): a page kept for https:// must
    # not be served to an http:// request, which would miss the redirect.
    path = complete_article(headline="Over TLS.").get_absolute_url()
    https, http = {"X-Forwarded-Proto": "https"}, {"X-Forwarded-Proto": "http"}
    assert [varnish.get(path, headers=https).headers["X-Cache"] for _ in range(2)] == [
        "MISS",
        "HIT",
    ]
    assert varnish.get(path, headers=http).headers["X-Cache"] == "MISS"


def test_with_redis_down_varnish_keeps_sending_readers_to_the_site(varnish, settings):
    """Its probe asks /readyz: a site without Redis still serves, so it is not taken out."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "veridact.circuit_breaker.CircuitBreakerRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"SOCKET_TIMEOUT": 0.5, "SOCKET_CONNECT_TIMEOUT": 0.5},
        },
    }
    assert varnish.get("/healthz").status_code == 503
    time.sleep(7)  # the probe's whole window (3 probes, 2 s apart), enough to find it sick
    assert " healthy " in varnish.admin("backend.list")
    # A form no cache may answer reaches the site, and what was sent is kept.
    response = requests.post(
        f"{varnish.url}/newsletter/subscribe/",
        data={"email": "still.reading@example.com"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 303
    assert Subscriber.objects.filter(email="still.reading@example.com").exists()
    assert "Veridact" in varnish.get(f"/search/?q={secrets.token_hex(4)}").text
