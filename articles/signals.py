"""Cached pages and the article page's parts go stale whenever what they show changes.

After the transaction commits, every cached page is invalidated. The articles whose
content changed get a new `modified_at`, which keys their rendered head and body, and
lose their kept records; a changed article bumps its category's version, which keys
Related Coverage (see `articles.fragments`).
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

from articles.fragments import category_scope, forget_articles, pins_scope
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
from veridact.caching import invalidate

ARTICLE_INLINES = (FAQItem, RelatedArticle, Scenario, TimelineEvent)


def _touch(articles):
    addresses = list(articles.values_list("category__slug", "slug"))
    articles.update(modified_at=timezone.now())
    transaction.on_commit(lambda: forget_articles(addresses))


def _site_changed(**kwargs):
    transaction.on_commit(invalidate)


def _remember_address(instance, update_fields=None, **kwargs):
    if instance.pk and (update_fields is None or {"category", "slug"} & set(update_fields)):
        before = Article.objects.filter(pk=instance.pk)
        instance._address_before = before.values_list("category__slug", "slug").first()


def _article_changed(instance, **kwargs):
    # Its kept record goes, and so do its category's lists; if it moved, the old ones too.
    addresses = {(instance.category.slug, instance.slug)}
    if before := getattr(instance, "_address_before", None):
        addresses.add(before)
    scopes = [category_scope(category_slug) for category_slug, _ in addresses]
    # The pages that pin it in their Related Coverage (a deleted article's pins are gone
    # already; those pages drop it when their Related Coverage expires).
    pinning = RelatedArticle.objects.filter(related=instance.pk)
    addresses_pinning = pinning.values_list("article__category__slug", "article__slug")
    scopes += [pins_scope(*address) for address in addresses_pinning]
    transaction.on_commit(lambda: (forget_articles(addresses), invalidate(scopes=scopes)))


def _inline_changed(instance, **kwargs):
    _touch(Article.objects.filter(pk=instance.article_id))
    _site_changed()


def _author_changed(instance, **kwargs):
    _touch(Article.objects.filter(authors=instance))
    _site_changed()


def _remember_slug(instance, **kwargs):
    if instance.pk:
        before = Category.objects.filter(pk=instance.pk).values_list("slug", flat=True)
        instance._slug_before = before.first()


def _category_changed(instance, **kwargs):
    articles = Article.objects.filter(category=instance)
    if (before := getattr(instance, "_slug_before", None)) and before != instance.slug:
        old_addresses = [(before, slug) for slug in articles.values_list("slug", flat=True)]
        transaction.on_commit(lambda: forget_articles(old_addresses))
    _touch(articles)
    transaction.on_commit(lambda: invalidate(scopes=[category_scope(instance.slug)]))


def _article_authors_changed(instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:  # `instance` is the article
        articles = Article.objects.filter(pk=instance.pk)
    elif action == "pre_clear":  # an author about to lose all their articles
        articles = Article.objects.filter(authors=instance)
    else:
        articles = Article.objects.filter(pk__in=pk_set)
    _touch(articles)
    _site_changed()


def connect():
    pre_save.connect(_remember_address, sender=Article, dispatch_uid="cache-article-address")
    pre_save.connect(_remember_slug, sender=Category, dispatch_uid="cache-category-slug")
    receivers = [(Article, _article_changed), (Page, _site_changed)]
    receivers += [(model, _inline_changed) for model in ARTICLE_INLINES]
    receivers += [(Author, _author_changed), (Category, _category_changed)]
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"cache-save-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"cache-delete-{model.__name__}")
    m2m_changed.connect(
        _article_authors_changed,
        sender=Article.authors.through,
        dispatch_uid="cache-article-authors",
    )
