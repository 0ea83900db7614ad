"""Editorial writes: publishing, substantive updates, images and the search index."""

import json
import os
import secrets
from datetime import timedelta

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import connection, transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from articles.images import make_renditions, make_thumbnail
from articles.models import Article, ArticleAddress, Category, CategoryAddress, PendingUpload

SEARCH_CONFIG = "english"
# An editor back from lunch still finds the image they chose; after that it goes.
PENDING_UPLOAD_LIFETIME = timedelta(days=1)
# An Updated time a minute ahead of the server's clock is the editor's clock, not the future.
UPDATE_CLOCK_SKEW = timedelta(minutes=1)
# SQLite, the embedded default, has no search document: an FTS5 table (migration 0003) holds
# each article's text by column, weighted when ranked as the document's parts are (A title,
# B headline and summary, C the rest), rowid the article's id.
SQLITE_SEARCH_TABLE = "articles_article_fts"
_SQLITE_UNINDEX = """
    DELETE FROM articles_article_fts WHERE rowid IN (SELECT value FROM json_each(%s))
"""
_SQLITE_INDEX = """
    INSERT INTO articles_article_fts (rowid, title, headline, summary, outlook, more)
    SELECT id, title, headline, summary, outlook,
           background || ' ' || precedents || ' ' || why_it_matters
    FROM articles_article WHERE id IN (SELECT value FROM json_each(%s))
"""


def missing_sections(article):
    """The sections an article needs before publication that it does not have."""
    required = [("summary", "a summary"), ("outlook", "an Outlook"), ("background", "a Background")]
    return [label for field, label in required if not getattr(article, field).strip()]


def article_publication_problems(article):
    """List what an article still lacks before it can be published (empty when ready)."""
    problems = missing_sections(article)
    if article.pk is None or not article.timeline_events.exists():
        problems.append("at least one timeline event")
    if article.pk is None or not article.faq_items.exists():
        problems.append("at least one FAQ item")
    return problems


def publication_error(problems):
    return ValidationError(
        "An article needs " + ", ".join(problems) + " before it can be published.",
        code="incomplete",
    )


@transaction.atomic
def article_publish(*, article: Article, at=None) -> Article:
    """Publish a complete article now, or at `at` (a future time schedules it)."""
    problems = article_publication_problems(article)
    if problems:
        raise publication_error(problems)
    if at is None and article.is_published():
        return article
    article.status = Article.Status.PUBLISHED
    article.published_at = at or timezone.now()
    article.save(update_fields=["status", "published_at", "modified_at"])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Take an article back to draft; it disappears from every public page."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "modified_at"])
    return article


def update_problems(*, is_new, published_at, updated_at, note, now=None):
    """What is wrong with a substantive update, as (field, message) pairs (empty when fine).

    `updated_at` is the time the update claims; a new article has nothing to update, an
    update comes between publication and now, and readers are told what changed.
    """
    now = now or timezone.now()
    if is_new:
        return [("updated_at", "A new article has nothing to update yet.")]
    problems = []
    if published_at is None:
        problems.append(("updated_at", "Publish the article before marking an update."))
    elif updated_at < published_at:
        problems.append(("updated_at", "An update cannot come before the publication."))
    if updated_at > now + UPDATE_CLOCK_SKEW:
        problems.append(("updated_at", "An update cannot be in the future."))
    if not note.strip():
        problems.append(("update_note", "Say what changed: readers see this note with the date."))
    return problems


def article_mark_updated(*, article: Article, note: str = "") -> Article:
    """Record a substantive change: the public “Updated” date moves and the note shows."""
    article.updated_at = timezone.now()
    article.update_note = note
    article.save(update_fields=["updated_at", "update_note", "modified_at"])
    return article


@transaction.atomic
def article_keep_address(*, article: Article, category_slug: str, slug: str) -> None:
    """Keep the address an article left (a new slug or category) redirecting to it."""
    if (category_slug, slug) == (article.category.slug, article.slug):
        return
    # The latest article to leave an address is the one it leads to.
    ArticleAddress.objects.update_or_create(
        category_slug=category_slug, slug=slug, defaults={"article": article}
    )
    # Back at an address it once left, the article answers there itself.
    ArticleAddress.objects.filter(
        article=article, category_slug=article.category.slug, slug=article.slug
    ).delete()


@transaction.atomic
def category_keep_address(*, category: Category, slug: str) -> None:
    """Keep a category's old slug redirecting: its page, its feed and its articles' pages."""
    if slug == category.slug:
        return
    CategoryAddress.objects.update_or_create(slug=slug, defaults={"category": category})
    CategoryAddress.objects.filter(category=category, slug=category.slug).delete()
    addresses = [
        ArticleAddress(category_slug=slug, slug=article_slug, article_id=article_id)
        for article_id, article_slug in category.articles.values_list("pk", "slug")
    ]
    ArticleAddress.objects.bulk_create(
        addresses,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["category_slug", "slug"],
        update_fields=["article"],
    )
    # An article of the category back at an address it once left answers there itself.
    ArticleAddress.objects.filter(
        category_slug=category.slug, article__category=category, slug=F("article__slug")
    ).delete()


def article_set_hero_image(*, article: Article) -> Article:
    """Replace a freshly uploaded hero image with its re-encoded master and renditions."""
    if not article.hero_image:
        if article.hero_renditions:
            article.hero_renditions = {}
            article.save(update_fields=["hero_renditions"])
        return article
    storage = article.hero_image.storage
    uploaded = article.hero_image
    uploaded.open("rb")
    try:
        renditions, master = make_renditions(uploaded, storage=storage)
    finally:
        uploaded.close()
    old_name = uploaded.name
    article.hero_image.save(master.name, master, save=False)
    if old_name != article.hero_image.name and storage.exists(old_name):
        storage.delete(old_name)
    article.hero_renditions = renditions
    article.save(update_fields=["hero_image", "hero_renditions"])
    return article


def pending_upload_keep(*, upload: UploadedFile) -> PendingUpload:
    """Keep an image chosen on a form that could not be saved, with its thumbnail."""
    upload.seek(0)
    thumbnail, width, height = make_thumbnail(upload)
    extension = os.path.splitext(upload.name)[1].lower()[:10]
    pending = PendingUpload(
        token=secrets.token_urlsafe(32),
        thumbnail_width=width,
        thumbnail_height=height,
        name=os.path.basename(upload.name)[:255],
        content_type=upload.content_type or "application/octet-stream",
    )
    upload.seek(0)
    pending.file.save(f"{secrets.token_hex(16)}{extension}", upload, save=False)
    pending.thumbnail.save(f"{secrets.token_hex(16)}.jpg", thumbnail, save=False)
    pending.save()
    return pending


def pending_upload_find(*, token: str) -> PendingUpload | None:
    """The kept image a form names by its token, if it is still kept."""
    if not token:
        return None
    since = timezone.now() - PENDING_UPLOAD_LIFETIME
    return PendingUpload.objects.filter(token=token, created_at__gt=since).first()


def pending_upload_open(*, pending: PendingUpload) -> UploadedFile | None:
    """The kept image as the upload it was, for the form to take again (None if gone)."""
    try:
        with pending.file.open("rb") as file:
            data = file.read()
    except OSError:  # the file went, say by a purge racing this request
        return None
    return SimpleUploadedFile(pending.name, data, content_type=pending.content_type)


def pending_upload_discard(*, token: str) -> None:
    """Forget a kept image and delete its files."""
    for pending in PendingUpload.objects.filter(token=token):
        _delete_pending(pending)


def pending_uploads_purge(*, now=None) -> int:
    """Delete the images kept longer than PENDING_UPLOAD_LIFETIME; return how many."""
    stale = PendingUpload.objects.filter(
        created_at__lte=(now or timezone.now()) - PENDING_UPLOAD_LIFETIME
    )
    count = 0
    for pending in stale.iterator():
        _delete_pending(pending)
        count += 1
    return count


def _delete_pending(pending):
    for file in (pending.file, pending.thumbnail):
        if file:
            file.storage.delete(file.name)
    pending.delete()


def article_index_for_search(*, article_ids) -> None:
    """Refresh the full-text index of these articles: a weighted document, or an FTS5 row."""
    if connection.vendor == "sqlite":
        ids = json.dumps([int(pk) for pk in article_ids])
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_SQLITE_UNINDEX, [ids])
            cursor.execute(_SQLITE_INDEX, [ids])
        return
    if connection.vendor != "postgresql":
        return

    def text(*fields):
        parts = []
        for field in fields:
            parts += [Coalesce(field, Value(""), output_field=TextField()), Value(" ")]
        return Concat(*parts, output_field=TextField())

    Article.objects.filter(pk__in=list(article_ids)).update(
        search_document=(
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector(text("headline", "summary"), weight="B", config=SEARCH_CONFIG)
            + SearchVector(
                text("outlook", "background", "precedents", "why_it_matters"),
                weight="C",
                config=SEARCH_CONFIG,
            )
        )
    )
