"""The media storage failing while an editor saves an upload in the admin: the form is shown
again (200) with the error on the image field and everything the editor typed, nothing is
saved (no row, no inline, no revision, no log entry), the site's log has the storage's
error, and the same save goes through once the storage is back.

The storage is a real S3 API that is down, hangs or lacks the bucket (moto's server in its
own process, or a listener that never answers), or a local disk that cannot be written.
Uploads other than an article's hero image are in test_media_faults_uploads.py.
"""

import http.server
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from tests.articles.media_faults import (
    NO_BUCKET,
    NOT_ANSWERING,
    Saved,
    assert_shown_again,
    bucket_keys,
    media_at,
    s3_client,
    storage_errors_logged,
    typed,
)
from tests.articles.test_admin import ADD_URL, change_form
from tests.articles.test_media_s3 import png
from tests.conftest import free_port, start_s3_server, stop_s3_server

pytestmark = pytest.mark.django_db


@pytest.mark.s3
def test_a_bucket_that_is_down_gives_the_form_back_and_the_same_save_works_once_it_is_up(
    editor_client, settings, caplog
):
    port = free_port()  # nothing listens there yet: the S3 server is down
    endpoint = f"http://127.0.0.1:{port}"
    media_at(settings, endpoint)
    data = typed()  # its authors are in the database already
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    assert_shown_again(response, data, NOT_ANSWERING)
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "EndpointConnectionError")

    server = start_s3_server(port)
    try:
        s3_client(endpoint).create_bucket(Bucket="veridact-media")
        assert editor_client.post(ADD_URL, typed()).status_code == 302
        article = Article.objects.get()
        assert article.title == data["title"]
        assert article.timeline_events.count() == 3
        stored = {name for _, name in article.hero_renditions["sources"]["jpeg"]}
        assert stored | {article.hero_image.name} <= bucket_keys(endpoint, "veridact-media")
    finally:
        stop_s3_server(server)


@pytest.mark.s3
def test_a_bucket_that_hangs_gives_the_change_form_back_within_seconds_and_changes_nothing(
    editor_client, settings, s3_media, silent_endpoint, caplog
):
    assert editor_client.post(ADD_URL, typed()).status_code == 302
    article = Article.objects.get()
    row = Article.objects.values().get()
    data = change_form(article, title="Will the chip ship in 2028?", outlook="A longer slip.")
    data["hero_image"] = SimpleUploadedFile("new.png", png(colour=(200, 0, 0)), "image/png")
    saved = Saved()

    media_at(settings, silent_endpoint)
    started = time.monotonic()
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    # Two tries of FAULT_TIMEOUT and a back-off of at most a second, asked once, not twice.
    assert time.monotonic() - started < 6
    assert_shown_again(response, data, NOT_ANSWERING)
    assert Article.objects.values().get() == row
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "ReadTimeoutError")

    s3_media.use()  # the bucket answers again
    data["hero_image"] = SimpleUploadedFile("new.png", png(colour=(200, 0, 0)), "image/png")
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.outlook) == ("Will the chip ship in 2028?", "A longer slip.")
    assert article.hero_image.name != row["hero_image"]
    assert article.hero_image.name in bucket_keys(s3_media.endpoint, s3_media.bucket)


class Answers503(http.server.BaseHTTPRequestHandler):
    """An S3 API in trouble: every request answered 503 Slow Down, as S3 does under load."""

    def answer(self):
        body = b"<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>"
        self.send_response(503)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_HEAD = do_POST = do_DELETE = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint_answering_503():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers503)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_bucket_answering_5xx_is_not_answering_and_the_form_comes_back(
    editor_client, settings, endpoint_answering_503, caplog
):
    media_at(settings, endpoint_answering_503)
    data = typed()  # its authors are in the database already
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    assert_shown_again(response, data, NOT_ANSWERING)
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "ClientError")


@pytest.mark.s3
def test_a_missing_bucket_says_the_storage_refused_and_the_same_save_works_once_it_exists(
    editor_client, settings, s3_endpoint, caplog
):
    bucket = f"veridact-missing-{free_port()}"
    media_at(settings, s3_endpoint, bucket=bucket)
    data = typed()  # its authors are in the database already
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    assert_shown_again(response, data, NO_BUCKET)
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "NoSuchBucket")

    # The operator makes the bucket; the site, configured as before, stores the image.
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    assert editor_client.post(ADD_URL, typed()).status_code == 302
    assert Article.objects.get().hero_image.name in bucket_keys(s3_endpoint, bucket)


@pytest.fixture
def blocked_media(settings, tmp_path):
    """Media on a local disk where a file stands in the way of a folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media").mkdir()
    return tmp_path / "media"


def test_a_disk_that_cannot_be_written_gives_the_form_back(editor_client, blocked_media, caplog):
    (blocked_media / "articles").write_bytes(b"")  # no folder for originals or renditions
    data = typed()  # its authors are in the database already
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    message = NOT_ANSWERING.replace(
        "is not answering", "could not write it (Not a directory)"
    ).replace(
        "save again in a minute.",
        "save again once the storage is fixed (the error is in the site's log).",
    )
    assert_shown_again(response, data, message)
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "NotADirectoryError")

    (blocked_media / "articles").unlink()
    assert editor_client.post(ADD_URL, typed()).status_code == 302
    assert (blocked_media / Article.objects.get().hero_image.name).is_file()


def test_renditions_that_cannot_be_written_undo_the_article_saved_before_them(
    editor_client, blocked_media, caplog
):
    # The original is stored and the row and its inlines saved before the renditions are
    # written: all of it is rolled back, so no article points at an image without them.
    (blocked_media / "articles").mkdir()
    (blocked_media / "articles" / "renditions").write_bytes(b"")
    data = typed()  # its authors are in the database already
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["hero_image"]
    assert message.startswith("The image could not be stored: the media storage could not write")
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "FileExistsError")
