"""Errors: the 500 page promises a follow-up only when a report went out; the 503 page while
the database is unreachable; JSON logs."""

import gzip
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail

from tests.veridact.test_settings import run_python

pytestmark = pytest.mark.urls("tests.veridact.broken_urls")

PROMISE = "The error has been reported to our team"


@pytest.fixture
def reader(client):
    client.raise_request_exception = False
    return client


def test_without_error_reports_the_500_page_promises_nothing(reader, settings):
    settings.ADMINS = []
    response = reader.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "Please try again in a few minutes" in page
    assert PROMISE not in page
    assert "notified" not in page
    assert mail.outbox == []


def test_with_admins_they_get_the_error_and_the_page_says_so(reader, settings):
    settings.ADMINS = [("Night desk", "night-desk@veridact.example")]
    response = reader.get("/broken/")
    assert response.status_code == 500
    assert PROMISE in response.content.decode()
    [report] = mail.outbox
    assert report.to == ["night-desk@veridact.example"]
    assert "/broken/" in report.subject
    assert "A bug the 500 page has to cover" in report.body


def test_a_database_outage_answers_the_503_page_and_emails_nobody(reader, settings, caplog):
    settings.ADMINS = [("Night desk", "night-desk@veridact.example")]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = reader.get("/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Back in a moment" in page
    assert "it was not saved" in page
    # A warning in the log, not an error email per request turned away.
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "WARNING"
    assert "shutting down" in record.getMessage()
    assert mail.outbox == []


class SentryIngest(BaseHTTPRequestHandler):
    """Takes envelopes as a Sentry-compatible service would, and keeps them."""

    received = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk's choice when the brotli package is installed
            import brotli

            body = brotli.decompress(body)
        self.received.append((self.path, body.decode(errors="replace")))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_ingest():
    server = ThreadingHTTPServer(("127.0.0.1", 0), SentryIngest)
    SentryIngest.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://public-key@127.0.0.1:{server.server_port}/42", SentryIngest.received
    server.shutdown()


REQUEST_BROKEN_PAGE = """
import sentry_sdk
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.veridact.broken_urls"):
    response = Client(raise_request_exception=False).get("/broken/")
sentry_sdk.flush(timeout=10)
print(response.status_code)
print(response.content.decode())
"""


def test_with_a_sentry_dsn_the_error_is_reported_and_the_page_says_so(
    sentry_ingest, collected_static
):
    dsn, received = sentry_ingest
    result = run_python(
        REQUEST_BROKEN_PAGE,
        SECRET_KEY="a-test-secret",
        ALLOWED_HOSTS="testserver",
        ALLOW_INSECURE_SITE_URL="true",
        SENTRY_DSN=dsn,
    )
    assert result.returncode == 0, result.stderr
    status, page = result.stdout.split("\n", 1)
    assert status == "500"
    assert PROMISE in page
    events = [body for path, body in received if path == "/api/42/envelope/"]
    assert any("A bug the 500 page has to cover" in body for body in events), received
    assert any('"type":"RuntimeError"' in body.replace(" ", "") for body in events)


def test_json_logs_are_one_object_a_line(collected_static):
    result = run_python(
        "from django.test import Client\nClient().get('/no/such/page/')",
        SECRET_KEY="a-test-secret",
        ALLOWED_HOSTS="testserver",
        ALLOW_INSECURE_SITE_URL="true",
        LOG_FORMAT="json",
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    [not_found] = [r for r in records if r["logger"] == "django.request"]
    assert not_found["level"] == "WARNING"
    assert not_found["message"] == "Not Found: /no/such/page/"
    assert "time" in not_found
