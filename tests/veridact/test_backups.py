"""`make backup` and `make restore`: the restore drill, on PostgreSQL and on an S3 bucket.

The site runs in processes of its own, configured by the environment as in production, on a
database and media made for the drill; the test client in those processes reads the pages.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# What readers see: every published article with its visible comments, and every
# prediction with its readers' forecasts, each checked on its page.
SNAPSHOT = """
import html, json
from django.core.files.storage import default_storage
from django.test import Client
from discussion.models import Comment
from articles.models import Article
from predictions.models import Forecast, Prediction

client, seen, missing = Client(), {}, []

def page(path):
    response = client.get(path)
    if response.status_code != 200:
        missing.append(f"{path} answers {response.status_code}")
    return html.unescape(response.content.decode())

for article in Article.objects.published().order_by("pk"):
    path = article.get_absolute_url()
    text = page(path)
    comments = Comment.objects.filter(article=article).visible().values_list("body", flat=True)
    comments = sorted(comments)
    sources = article.hero_renditions.get("sources", {}).values()
    images = sorted(name for kind in sources for _, name in kind)
    seen[path] = {"title": article.title, "comments": comments, "images": images}
    shown = [item.split("http")[0][:40] for item in [article.title, *comments]]  # links are markup
    missing += [f"{path}: {item}" for item in shown if item not in text]
    missing += [f"{path}: image {name}" for name in images if not default_storage.exists(name)]
    missing += [f"{path}: <img> {name}" for name in images if default_storage.url(name) not in text]
for prediction in Prediction.objects.order_by("pk"):
    path = prediction.get_absolute_url()
    text = page(path)
    current = prediction.forecasts.current().select_related("reader")
    forecasts = sorted([f.reader.email, f.probability] for f in current)
    seen[path] = {"claim": prediction.claim, "forecasts": forecasts}
    count = prediction.forecaster_count
    shown = f"median of {count}" in text or f"{count} reader" in text
    if prediction.claim[:40] not in text or not shown:
        missing.append(f"{path}: its forecasts")
print(json.dumps({"seen": seen, "missing": missing}))
"""

COMMENTED_ARTICLE = """
from django.test import Client
from django.urls import reverse
from accounts.models import User
from articles.models import Article
article = Article.objects.published().filter(comments_closed=False).order_by("pk").first()
client = Client()
"""
COMMENT_AFTER_BACKUP = (
    COMMENTED_ARTICLE
    + """
client.get(article.get_absolute_url())  # the page as cached before the comment
client.force_login(User.objects.get(email="reader1@demo.veridact.example"))
response = client.post(
    reverse("discussion:comment_post", args=[article.pk]), {"body": "Written after the backup."}
)
assert response.status_code == 302, response.status_code
client.logout()
assert "Written after the backup." in client.get(article.get_absolute_url()).content.decode()
"""
)


class Site:
    """The site as one of its hosts runs it: settings from the environment alone."""

    def __init__(self, **variables):
        drop = {"VERIDACT_REQUIRE_SERVICES", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "DEBUG"}
        self.environ = {k: v for k, v in os.environ.items() if k not in drop and "AWS" not in k}
        self.environ.update(
            SECRET_KEY="a-drill-secret",
            ALLOWED_HOSTS="testserver",
            EMAIL_URL="consolemail://",
            **variables,
        )
        if settings.REDIS_URL:
            # Pages cached before the restore are in Redis; the restore must drop them.
            self.environ["REDIS_URL"] = settings.REDIS_URL

    def run(self, *arguments, stdin=None):
        result = subprocess.run(
            [sys.executable, *arguments] if arguments[0] != "make" else arguments,
            cwd=ROOT,
            env=self.environ,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def manage(self, *arguments):
        return self.run("manage.py", *arguments)

    def python(self, code):
        return self.run("-c", f"import django; django.setup()\n{code}")

    def snapshot(self):
        report = json.loads(self.python(SNAPSHOT).strip().splitlines()[-1])
        assert report["missing"] == []
        return report["seen"]


@pytest.fixture
def drill_database():
    """A PostgreSQL database of the drill's own, on the server the tests use."""
    params = connection.settings_dict
    name = f"veridact_drill_{uuid.uuid4().hex[:8]}"
    server = {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
    }

    def execute(sql):
        with psycopg.connect(dbname=params["NAME"], autocommit=True, **server) as admin:
            admin.execute(sql)

    execute(f'CREATE DATABASE "{name}"')
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    url = f"postgres://{credentials}@{server['host']}:{server['port'] or 5432}/{name}"
    yield url, lambda: execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.slow
def test_restore_drill_dump_drop_restore_serves_the_same_site(
    drill_database, tmp_path, collected_static
):
    database_url, drop_database = drill_database
    media = tmp_path / "media"
    site = Site(DATABASE_URL=database_url, MEDIA_ROOT=str(media))
    site.manage("migrate", "--noinput")
    site.manage("seed_demo")
    before = site.snapshot()
    assert sum(len(page.get("comments", [])) for page in before.values()) > 0
    assert sum(len(page.get("forecasts", [])) for page in before.values()) > 0
    assert sum(len(page.get("images", [])) for page in before.values()) > 0

    site.run("make", "backup", f"BACKUP={tmp_path / 'backup'}")
    site.python(COMMENT_AFTER_BACKUP)  # lost by the restore, as anything after a backup is
    drop_database()
    shutil.rmtree(media)

    answer = site.run("make", "restore", f"BACKUP={tmp_path / 'backup'}", stdin="yes\n")
    assert "Cached pages were dropped" in answer
    assert site.snapshot() == before
    # Not even from a page cached before the restore.
    page = site.python(COMMENTED_ARTICLE + "print(client.get(article.get_absolute_url()).content)")
    assert "Written after the backup." not in page


@pytest.mark.s3
@pytest.mark.slow
@pytest.mark.own_sqlite
def test_restore_drill_on_sqlite_with_media_in_a_bucket(s3_media, tmp_path, collected_static):
    database = tmp_path / "veridact.sqlite3"
    site = Site(
        DATABASE_URL=f"sqlite:///{database}",
        AWS_STORAGE_BUCKET_NAME=s3_media.bucket,
        AWS_S3_ENDPOINT_URL=s3_media.endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
    )
    site.manage("migrate", "--noinput")
    site.manage("seed_demo")
    before = site.snapshot()  # pages link to the bucket, which holds every rendition
    stored = s3_media.keys()
    assert any(key.startswith("articles/renditions/") for key in stored)

    site.run("make", "backup", f"BACKUP={tmp_path / 'backup'}")
    assert len(list((tmp_path / "backup" / "media").rglob("*.webp"))) > 0
    for key in stored:
        s3_media.client.delete_object(Bucket=s3_media.bucket, Key=key)
    database.unlink()

    site.run("make", "restore", f"BACKUP={tmp_path / 'backup'}", stdin="yes\n")
    assert site.snapshot() == before
    assert s3_media.keys() == stored
    for key in stored:
        head = s3_media.client.head_object(Bucket=s3_media.bucket, Key=key)
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
