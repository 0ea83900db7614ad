"""What the media-fault tests share: a media storage that fails, an editor's typed article,
and checks that the form came back with it and that nothing of the save was kept."""

import logging

import boto3
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from reversion.models import Version

from articles.models import Article, Author, FAQItem, PendingUpload, Scenario, TimelineEvent
from tests.articles.test_admin import article_form
from tests.articles.test_media_s3 import png
from veridact.storage import s3_media_storage

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
