"""Editorial writes, one service for each action an editor takes: saving an article (with
its sections, its Updated stamp, its old address, its hero image and the search index),
publishing or unpublishing it, deleting it, and saving an author, a category or a page.

Each names the scopes of the cached pages it changed (`pagecache.dependencies`) once its
transaction commits; nothing else makes them stale, so the admin, the demo and the tests call
these and never save the models bare.
"""

import json
from collections.abc import Callable
from datetime import timedelta

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from articles.images import make_renditions
from articles.models import (
    Article,
    ArticleAddress,
    Author,
    Category,
    CategoryAddress,
    Page,
    RelatedArticle,
    RenderedText,
)
from articles.storage import media_storage
from pagecache import dependencies
from pagecache.versions import invalidate

SEARCH_CONFIG = "english"
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


# What a published article must have: its sections' text, and rows of its parts.
REQUIRED_SECTIONS = {"summary": "a summary", "outlook": "an Outlook", "background": "a Background"}
REQUIRED_PARTS = {
    "timeline_events": "at least one timeline event",
    "faq_items": "at least one FAQ item",
}


def publication_problems(**known) -> list[str]:
    """What an article still lacks before it can be published, said for editors.

    `known` holds what is known of it, by requirement: a section's text, or how many rows of
    a part it has. Requirements not given are not checked: the admin's article form knows
    the sections, each inline its own rows; a saved article knows them all
    (`article_publication_problems`).
    """
    requirements = {**REQUIRED_SECTIONS, **REQUIRED_PARTS}
    return [
        label
        for name, label in requirements.items()
        if name in known
        and not (known[name].strip() if isinstance(known[name], str) else known[name])
    ]


def article_publication_problems(article) -> list[str]:
    """What a saved article still lacks before it can be published (empty when ready)."""
    known = {name: getattr(article, name) for name in REQUIRED_SECTIONS}
    for name in REQUIRED_PARTS:
        known[name] = article.pk is not None and getattr(article, name).exists()
    return publication_problems(**known)


def publication_error(problems):
    return ValidationError(
        "An article needs " + ", ".join(problems) + " before it can be published.",
        code="incomplete",
    )


def _invalidate_on_commit(*scopes) -> None:
    transaction.on_commit(lambda: invalidate(*scopes))


def _address(article_id) -> tuple[str, str] | None:
    """Where a saved article is: (category slug, slug)."""
    return Article.objects.filter(pk=article_id).values_list("category__slug", "slug").first()


def _articles_changed(article_ids, *, also_at=(), listed=True) -> None:
    """After commit, make stale the pages of these articles (and at the addresses they left,
    `also_at`) and, when they are `listed` (cards, feeds, pins), the pages that list them."""
    article_ids = list(article_ids)
    rows = Article.objects.filter(pk__in=article_ids).values_list("category__slug", "slug")
    addresses = {*rows, *filter(None, also_at)}
    scopes = [dependencies.article(*address) for address in addresses]
    if listed:
        scopes.append(dependencies.ARTICLES)
        scopes += [dependencies.category_articles(category) for category, _ in addresses]
        pinning = RelatedArticle.objects.filter(related__in=article_ids)
        addresses = pinning.values_list("article__category__slug", "article__slug")
        scopes += [dependencies.related_pins(*address) for address in addresses]
    _invalidate_on_commit(*scopes)


def _articles_touch(articles) -> None:
    """Move these articles' `modified_at`: their rows did not change, but what they show of
    another row did. Their text kept beside them (RenderedText) and their cards go by it; a
    render that read the old data meanwhile is kept under the old time, so never current."""
    articles.update(modified_at=timezone.now())


def rendered_texts_forget() -> None:
    """Drop every article's kept text (RenderedText): each renders again on its next view."""
    RenderedText.objects.all().delete()


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
    _articles_changed([article.pk])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Take an article back to draft; it disappears from every public page."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "modified_at"])
    _articles_changed([article.pk])
    return article


@transaction.atomic
def article_save(
    *,
    article: Article,
    save_related: Callable[[], object] = lambda: None,
    stamp_update: bool = False,
    hero_image_changed: bool = False,
) -> Article:
    """Save an article as an editor wrote it, and everything that follows from it.

    `save_related` saves what is kept beside the row (the admin's forms: authors, sections,
    pinned articles). `stamp_update` marks a substantive update at the time of saving, for
    an editor who gave no time of their own (its note is the article's). An article that
    moved keeps its old address redirecting; a new hero image is re-encoded with its
    renditions; the search index is refreshed; and once the transaction commits, the cached
    pages that show the article, at its old address too, go stale. The publication rules are
    the form's to check (`publication_problems`), before the editor's input is taken.
    A failure of the media storage raises MediaStorageError, and nothing is saved.
    """
    before = _address(article.pk) if article.pk else None
    if stamp_update:
        article.updated_at = timezone.now().replace(microsecond=0)
    with media_storage():  # a new upload is written to the storage as the row is saved
        article.save()
    save_related()
    if before:
        article_keep_address(article=article, category_slug=before[0], slug=before[1])
    if hero_image_changed:
        article_set_hero_image(article=article)
    article_index_for_search(article_ids=[article.pk])
    _articles_changed([article.pk], also_at=[before])
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article; its pages, and the lists and pins that showed it, go stale."""
    _articles_changed([article.pk])  # found while the article and its pins still exist
    article.delete()


@transaction.atomic
def author_save(*, author: Author) -> Author:
    """Save an author: their page, and the pages and feeds that name them, go stale."""
    slug_before = Author.objects.filter(pk=author.pk).values_list("slug", flat=True).first()
    with media_storage():  # a new portrait is written to the storage as the row is saved
        author.save()
    _author_changed(author, slug_before)
    return author


@transaction.atomic
def author_delete(*, author: Author) -> None:
    """Delete an author; their articles lose their byline."""
    _author_changed(author, author.slug)  # while they still have their articles
    author.delete()


def _author_changed(author: Author, slug_before: str | None) -> None:
    articles = Article.objects.filter(authors=author)
    _articles_touch(articles)  # their text names the author
    _articles_changed(articles.values_list("pk", flat=True))
    slugs = {author.slug, slug_before or author.slug}
    _invalidate_on_commit(*map(dependencies.author, slugs))


@transaction.atomic
def category_save(*, category: Category) -> Category:
    """Save a category; a new slug keeps the old addresses redirecting."""
    slug_before = Category.objects.filter(pk=category.pk).values_list("slug", flat=True).first()
    category.save()
    if slug_before:
        category_keep_address(category=category, slug=slug_before)
    slugs = {category.slug, slug_before or category.slug}
    _articles_touch(Article.objects.filter(category=category))  # their text names it
    _invalidate_on_commit(
        dependencies.CATEGORIES, *(dependencies.category_articles(slug) for slug in slugs)
    )
    return category


@transaction.atomic
def category_delete(*, category: Category) -> None:
    """Delete a category with no articles (they protect it)."""
    slug = category.slug
    category.delete()
    _invalidate_on_commit(dependencies.CATEGORIES, dependencies.category_articles(slug))


@transaction.atomic
def page_save(*, page: Page) -> Page:
    """Save an About or Privacy page."""
    page.save()
    _invalidate_on_commit(dependencies.SITE_PAGES)
    return page


@transaction.atomic
def page_delete(*, page: Page) -> None:
    """Delete an About or Privacy page; its address answers 404."""
    page.delete()
    _invalidate_on_commit(dependencies.SITE_PAGES)


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
    """Replace a freshly uploaded hero image with its re-encoded master and renditions.

    A failure of the media storage raises MediaStorageError; objects written before it stay
    in the storage unused (their names are unique), so the caller's transaction decides.
    """
    if not article.hero_image:
        if article.hero_renditions:
            article.hero_renditions = {}
            article.save(update_fields=["hero_renditions", "modified_at"])
        return article
    storage = article.hero_image.storage
    uploaded = article.hero_image
    # The image was validated before it was stored, so an OSError here is the storage's.
    with media_storage():
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
    article.save(update_fields=["hero_image", "hero_renditions", "modified_at"])
    return article


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
