"""The media storage failing while an editor saves an upload in the admin: the form is shown
again (200) with the error on the image field and everything the editor typed, nothing is
saved (no row, no inline, no revision, no log entry), the site's log has the storage's
error, and the same save goes through once the storage is back.

The storage is a real S3 API that is down, hangs or lacks the bucket (moto's server in its
own process, or a listener that never answers), or a local disk that cannot be written.
"""

import datetime
import http.server
import logging
import threading
import time

import boto3
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from articles.models import Article, Author, FAQItem, PendingUpload, Scenario, TimelineEvent
from articles.uploads import pending_uploads_purge
from tests.accounts.factories import EditorFactory
from tests.articles.factories import complete_article
from tests.articles.test_admin import ADD_URL, article_form, change_form
from tests.articles.test_kept_uploads import kept_token
from tests.articles.test_media_s3 import png
from tests.conftest import free_port, start_s3_server, stop_s3_server
from veridact.storage import s3_media_storage

pytestmark = pytest.mark.django_db

# Seconds a request to a failing bucket waits to connect and to be answered (twice): the
# site's own 5 s would make each test here wait 10 s for the same answer.
FAULT_TIMEOUT = 0.5
NOT_ANSWERING = (
    "The image could not be stored: the media storage is not answering. Your other changes "
    "are not saved yet; they are all still in this form, so save again in a minute."
)
NO_BUCKET = (
    "The image could not be stored: the media storage refused it (NoSuchBucket). Your other "
    "changes are not saved yet; they are all still in this form, so save again once the "
    "storage is fixed (the error is in the site's log)."
)


@pytest.fixture
def editor_client(client):
    editor = EditorFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def media_at(settings, endpoint, bucket="veridact-media"):
    """Store media in `bucket` at the S3 API `endpoint`, which may fail."""
    media_url, storage = s3_media_storage(
        bucket=bucket,
        endpoint_url=endpoint,
        region="us-east-1",
        access_key="testing",
        secret_key="testing",
        timeout=FAULT_TIMEOUT,
    )
    settings.MEDIA_URL = media_url
    settings.STORAGES = {**settings.STORAGES, "default": storage}


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def bucket_keys(endpoint, bucket):
    listing = s3_client(endpoint).list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def typed(**overrides):
    """An article as an editor writes it, hero image chosen: a new file for each post."""
    data = article_form(
        **{"hero_alt": "A chip on a board", "hero_credit": "Photo: Fab"} | overrides
    )
    data["hero_image"] = SimpleUploadedFile("chip.png", png(), "image/png")
    return data


# What the editor typed, as the form shows it again: inputs by value, textareas by text.
TYPED_INPUTS = [
    "title",
    "slug",
    "headline",
    "hero_alt",
    "hero_credit",
    "scenarios-1-title",
    "scenarios-1-probability",
    "timeline_events-1-when",
    "timeline_events-1-title",
    "faq_items-0-question",
]
TYPED_TEXTS = ["summary", "outlook", "background", "precedents", "faq_items-0-answer"]


def assert_shown_again(response, data, message, field="hero_image"):
    """The form is back with `message` on the upload's field and what the editor typed."""
    assert response.status_code == 200, "the form should have been shown again"
    assert response.context["adminform"].form.errors[field] == [message]
    html = response.content.decode()
    assert escape(message) in html
    for name in TYPED_INPUTS if field == "hero_image" else ["name", "slug"]:
        assert f'name="{name}" value="{escape(data[name])}"' in html, name
    for name in TYPED_TEXTS if field == "hero_image" else ["bio"]:
        assert f">\n{escape(data[name])}</textarea>" in html, name
    return html


class Saved:
    """How much of what an admin save writes is in the database."""

    def __init__(self):
        self.before = self.now()

    def now(self):
        models = (Article, Scenario, TimelineEvent, FAQItem, Author, PendingUpload)
        counts = {model.__name__: model.objects.count() for model in models}
        counts |= {"versions": Version.objects.count(), "log": LogEntry.objects.count()}
        return counts


def storage_errors_logged(caplog, error_name):
    return [
        record
        for record in caplog.records
        if record.levelno == logging.ERROR
        and record.name == "articles.admin"
        and error_name in record.getMessage()
    ]


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


@pytest.mark.s3
def test_an_author_s_portrait_that_cannot_be_stored_gives_the_form_back(
    editor_client, settings, s3_media, caplog
):
    add = reverse("admin:articles_author_add")
    media_at(settings, f"http://127.0.0.1:{free_port()}")
    saved = Saved()

    def form():
        portrait = SimpleUploadedFile("ada.png", png((600, 600)), "image/png")
        return {
            "name": "Ada Lovelace",
            "slug": "ada",
            "bio": "Writes on chips.",
            "portrait": portrait,
        }

    data = form()
    response = editor_client.post(add, data)

    assert_shown_again(response, data, NOT_ANSWERING, field="portrait")
    assert saved.now() == saved.before
    assert storage_errors_logged(caplog, "EndpointConnectionError")

    s3_media.use()
    assert editor_client.post(add, form()).status_code == 302
    assert Author.objects.get(slug="ada").portrait.name in bucket_keys(
        s3_media.endpoint, s3_media.bucket
    )


@pytest.mark.s3
def test_an_image_kept_from_a_mistake_stays_kept_while_the_bucket_is_down(
    editor_client, settings, s3_media, caplog
):
    token = kept_token(editor_client.post(ADD_URL, typed(hero_alt="")))  # a mistake
    media_at(settings, f"http://127.0.0.1:{free_port()}")
    data = article_form(hero_alt="A chip on a board", hero_credit="Photo: Fab", pending_hero=token)
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    message = NOT_ANSWERING.replace(
        "The image could not be stored", "The image kept from your last try could not be read"
    )
    html = assert_shown_again(response, data, message)
    assert kept_token(response) == token  # the next try takes it again
    assert "chip.png is saved with the article unless you choose another file." in html
    assert saved.now() == saved.before
    assert [r.name for r in caplog.records if r.levelno == logging.ERROR] == ["articles.forms"]

    s3_media.use()
    assert editor_client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get().hero_image.name in bucket_keys(s3_media.endpoint, s3_media.bucket)
    assert not PendingUpload.objects.exists()


@pytest.mark.s3
def test_a_mistake_while_the_bucket_is_down_asks_for_the_image_again(
    editor_client, settings, caplog
):
    media_at(settings, f"http://127.0.0.1:{free_port()}")
    data = typed(hero_alt="")  # the form is refused for the missing description
    saved = Saved()

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["hero_alt"] == ["Describe the image for readers who can't see it."]
    assert errors["hero_image"] == [
        "This image could not be kept for your next try: the media storage is not answering. "
        "Choose the file again when you save."
    ]
    html = response.content.decode()
    assert "Choose the file again when you save." in html
    assert 'name="pending_hero" value=' not in html
    assert f'name="title" value="{escape(data["title"])}"' in html
    assert saved.now() == saved.before
    assert [r.name for r in caplog.records if r.levelno == logging.ERROR] == ["articles.forms"]


@pytest.mark.s3
def test_restoring_a_revision_with_a_new_image_gives_the_form_back_if_it_cannot_be_stored(
    editor_client, settings, s3_endpoint
):
    article = complete_article(title="The chip ships in June")
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert editor_client.post(url, change_form(article)).status_code == 302
    version = Version.objects.get_for_object(article).get()
    media_at(settings, s3_endpoint, bucket=f"veridact-missing-{free_port()}")
    data = change_form(article, title="The chip ships in June, again", hero_alt="A chip")
    data["hero_image"] = SimpleUploadedFile("chip.png", png(), "image/png")
    saved = Saved()

    restore = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
    response = editor_client.post(restore, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"] == [NO_BUCKET]
    assert 'value="The chip ships in June, again"' in response.content.decode()
    assert saved.now() == saved.before
    article.refresh_from_db()
    assert article.title == "The chip ships in June"


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


@pytest.mark.s3
def test_a_kept_image_the_bucket_will_not_delete_waits_for_the_next_purge(
    editor_client, settings, s3_media, caplog
):
    token = kept_token(editor_client.post(ADD_URL, typed(hero_alt="")))  # a mistake
    kept = PendingUpload.objects.get(token=token)
    later = kept.created_at + datetime.timedelta(days=2)
    media_at(settings, f"http://127.0.0.1:{free_port()}")

    assert pending_uploads_purge(now=later) == 0
    assert list(PendingUpload.objects.all()) == [kept]
    [warning] = [r for r in caplog.records if r.name == "articles.uploads"]
    assert warning.levelno == logging.WARNING
    assert "EndpointConnectionError" in warning.getMessage()

    s3_media.use()
    assert pending_uploads_purge(now=later) == 1
    assert not PendingUpload.objects.exists()
    assert not {kept.file.name, kept.thumbnail.name} & bucket_keys(
        s3_media.endpoint, s3_media.bucket
    )
