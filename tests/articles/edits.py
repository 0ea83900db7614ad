"""Editors' changes to what an article page shows: each puts “A new title” on the page."""

from tests.articles.factories import (
    AuthorFactory,
    FAQItemFactory,
    ScenarioFactory,
    TimelineEventFactory,
)

NEW_TEXT = "A new title"


def rename_article(article):
    article.title = NEW_TEXT
    article.save()


def rename_author(article):
    author = article.authors.first()
    author.name = NEW_TEXT
    author.save()


def rename_category(article):
    article.category.name = NEW_TEXT
    article.category.save()


def add_scenario(article):
    ScenarioFactory(article=article, title=NEW_TEXT)


def add_timeline_event(article):
    TimelineEventFactory(article=article, title=NEW_TEXT)


def add_faq_item(article):
    FAQItemFactory(article=article, question=NEW_TEXT)


def add_author(article):
    article.authors.add(AuthorFactory(name=NEW_TEXT))


EDITS = [
    rename_article,
    rename_author,
    rename_category,
    add_scenario,
    add_timeline_event,
    add_faq_item,
    add_author,
]
