"""Cached pages and the article page's parts go stale whenever what they show changes.

Each change names the scopes it touched (`pagecache.dependencies`) once its transaction
commits: an article, its sections, its authors, its category, an About or Privacy page.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from articles.models import (
    Article,
    Author,
    Category,
    FAQItem,
    Page,
    RelatedArticle,
    Scenario,
    TimelineEvent,
)
from pagecache.dependencies import (
    ARTICLES,
    CATEGORIES,
    SITE_PAGES,
    article,
    author,
    category_articles,
    related_pins,
)
from pagecache.versions import invalidate

ARTICLE_INLINES = (FAQItem, RelatedArticle, Scenario, TimelineEvent)


def _invalidate_on_commit(*scopes):
    transaction.on_commit(lambda: invalidate(*scopes))


def _articles_changed(addresses, *, listed=True):
    """The articles at these (category slug, slug) addresses changed; `listed`: as cards too."""
    scopes = [article(*address) for address in addresses]
    if listed:
        scopes += [ARTICLES, *(category_articles(category) for category, _ in addresses)]
    _invalidate_on_commit(*scopes)


def _addresses(articles):
    return set(articles.values_list("category__slug", "slug"))


def _remember_address(instance, update_fields=None, **kwargs):
    if instance.pk and (update_fields is None or {"category", "slug"} & set(update_fields)):
        before = Article.objects.filter(pk=instance.pk)
        instance._address_before = before.values_list("category__slug", "slug").first()


def _article_changed(instance, **kwargs):
    # If it moved, the pages at its old address go stale too.
    addresses = {(instance.category.slug, instance.slug)}
    if before := getattr(instance, "_address_before", None):
        addresses.add(before)
    _articles_changed(addresses)
    # The pages that pin it in their Related Coverage (a deleted article's pins are gone
    # already; those pages drop it when their Related Coverage expires).
    pinning = RelatedArticle.objects.filter(related=instance.pk)
    addresses_pinning = pinning.values_list("article__category__slug", "article__slug")
    _invalidate_on_commit(*(related_pins(*address) for address in addresses_pinning))


def _inline_changed(instance, **kwargs):
    # Sections show on their article's page alone.
    _articles_changed(_addresses(Article.objects.filter(pk=instance.article_id)), listed=False)


def _remember_author_slug(instance, **kwargs):
    if instance.pk:
        before = Author.objects.filter(pk=instance.pk).values_list("slug", flat=True)
        instance._slug_before = before.first()


def _author_changed(instance, **kwargs):
    # Before a deletion, while the author still has their articles: feeds name authors.
    _articles_changed(_addresses(Article.objects.filter(authors=instance)))
    slugs = {instance.slug, getattr(instance, "_slug_before", None) or instance.slug}
    _invalidate_on_commit(*map(author, slugs))


def _remember_slug(instance, **kwargs):
    if instance.pk:
        before = Category.objects.filter(pk=instance.pk).values_list("slug", flat=True)
        instance._slug_before = before.first()


def _category_changed(instance, **kwargs):
    slugs = {instance.slug, getattr(instance, "_slug_before", None) or instance.slug}
    _invalidate_on_commit(CATEGORIES, *(category_articles(slug) for slug in slugs))


def _page_changed(**kwargs):
    _invalidate_on_commit(SITE_PAGES)


def _article_authors_changed(instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:  # `instance` is the article
        articles = Article.objects.filter(pk=instance.pk)
    elif action == "pre_clear":  # an author about to lose all their articles
        articles = Article.objects.filter(authors=instance)
    else:
        articles = Article.objects.filter(pk__in=pk_set)
    _articles_changed(_addresses(articles))


def connect():
    pre_save.connect(_remember_address, sender=Article, dispatch_uid="cache-article-address")
    pre_save.connect(_remember_slug, sender=Category, dispatch_uid="cache-category-slug")
    pre_save.connect(_remember_author_slug, sender=Author, dispatch_uid="cache-author-slug")
    receivers = [(Article, _article_changed), (Page, _page_changed), (Category, _category_changed)]
    receivers += [(model, _inline_changed) for model in ARTICLE_INLINES]
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"cache-save-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"cache-delete-{model.__name__}")
    post_save.connect(_author_changed, sender=Author, dispatch_uid="cache-save-Author")
    pre_delete.connect(_author_changed, sender=Author, dispatch_uid="cache-delete-Author")
    m2m_changed.connect(
        _article_authors_changed,
        sender=Article.authors.through,
        dispatch_uid="cache-article-authors",
    )
