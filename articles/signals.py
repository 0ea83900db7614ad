"""Cached public pages go stale whenever what they show changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.models import Article, Author, Category, FAQItem, Page, Scenario, TimelineEvent
from veridact.caching import invalidate

WATCHED = (Article, Author, Category, FAQItem, Page, Scenario, TimelineEvent)


def _invalidate_site(**kwargs):
    transaction.on_commit(invalidate)


def connect():
    for model in WATCHED:
        post_save.connect(_invalidate_site, sender=model, dispatch_uid=f"cache-{model.__name__}")
        post_delete.connect(
            _invalidate_site, sender=model, dispatch_uid=f"cache-delete-{model.__name__}"
        )
    m2m_changed.connect(
        _invalidate_site, sender=Article.authors.through, dispatch_uid="cache-article-authors"
    )
