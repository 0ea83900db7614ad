"""Revisions of articles: every save in the admin keeps one (django-reversion) with who made it,
when, and what the admin says changed, the note of a substantive update first. Editors see what
changed from the revision before, field by field, and restore an earlier one (reversion's
revert form, which shows the old revision in the change form to save again)."""

import datetime

from django.db.models.signals import pre_save
from reversion.models import Version

from articles.models import (
    Article,
    Author,
    Category,
    FAQItem,
    RelatedArticle,
    Scenario,
    TimelineEvent,
    format_partial_date,
)
from articles.textdiff import text_diff

# Kept but never restored: the discussion keeps its own count. Reversion restores a revision by
# saving the article as the revision has it (a raw save); these stay as they are now.
NOT_RESTORED = ("comment_count",)
INLINES = {
    "scenarios": Scenario,
    "timeline_events": TimelineEvent,
    "faq_items": FAQItem,
    "related_pins": RelatedArticle,
}
SHOWN_FIELDS = (
    "title",
    "slug",
    "category",
    "authors",
    "headline",
    "summary",
    "hero_image",
    "hero_alt",
    "hero_credit",
    "outlook",
    "background",
    "precedents",
    "why_it_matters",
    "status",
    "published_at",
    "is_featured",
    "updated_at",
    "update_note",
    "comments_closed",
    "related_automatic",
)
INLINE_LABELS = {
    "scenarios": "Scenarios",
    "timeline_events": "Timeline",
    "faq_items": "FAQ",
    "related_pins": "Related Coverage: pinned articles",
}


def connect():
    """Restoring a revision leaves NOT_RESTORED as it is (the models are registered with
    django-reversion where they are defined)."""
    pre_save.connect(_keep_what_is_not_restored, sender=Article, dispatch_uid="revision-restore")


def _keep_what_is_not_restored(instance, raw, **kwargs):
    # Only a restored revision (or a fixture) is saved raw.
    if raw and instance.pk:
        current = Article.objects.filter(pk=instance.pk).values(*NOT_RESTORED).first()
        for field, value in (current or {}).items():
            setattr(instance, field, value)


def versions_of(article_id):
    """The article's kept revisions, newest first, each with its revision and user."""
    return (
        Version.objects.get_for_object_reference(Article, article_id)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return str(value)


def _article_texts(fields, names):
    """The article's fields as the editor reads them: names for categories and authors."""
    texts = {}
    for name in SHOWN_FIELDS:
        value = fields.get(name)
        if name == "category":
            value = fields.get("category_id")
            value = names["categories"].get(value, value)
        elif name == "authors":
            value = ", ".join(str(names["authors"].get(int(pk), pk)) for pk in value or [])
        elif name == "status":
            value = Article.Status(value).label if value in Article.Status.values else value
        texts[name] = _text(value)
    return texts


def _inline_line(relation, fields, names):
    if relation == "scenarios":
        probability = fields.get("probability")
        chance = f" ({probability} %)" if probability is not None else ""
        return f"{fields['title']}{chance}: {fields['analysis']}"
    if relation == "timeline_events":
        when = format_partial_date(fields["date"], fields["precision"])
        description = f" — {fields['description']}" if fields.get("description") else ""
        return f"{when}: {fields['title']}{description}"
    if relation == "faq_items":
        return f"{fields['question']} — {fields['answer']}"
    return str(names["articles"].get(fields["related_id"], fields["related_id"]))


def _inline_texts(version, names):
    """Each inline of the article in the revision as lines of text, in the article's order."""
    rows = {relation: [] for relation in INLINES}
    revision_versions = version.revision.version_set.select_related("content_type")
    for other in revision_versions:
        for relation, model in INLINES.items():
            if other.content_type.model_class() is model:
                fields = other.field_dict
                if fields.get("article_id") == int(version.object_id):
                    order = fields.get("order", 0), fields.get("date") or 0, int(other.object_id)
                    rows[relation].append((order, _inline_line(relation, fields, names)))
    return {
        relation: "\n".join(line for _, line in sorted(lines, key=lambda row: row[0]))
        for relation, lines in rows.items()
    }


def _names(*field_dicts, inline_versions=()):
    categories = {fields.get("category_id") for fields in field_dicts}
    authors = {int(pk) for fields in field_dicts for pk in fields.get("authors") or []}
    related = set()
    for version in inline_versions:
        if version.content_type.model_class() is RelatedArticle:
            related.add(version.field_dict["related_id"])
    return {
        "categories": {pk: c.name for pk, c in Category.objects.in_bulk(categories).items()},
        "authors": {pk: a.name for pk, a in Author.objects.in_bulk(authors).items()},
        "articles": {pk: a.title for pk, a in Article.objects.in_bulk(related).items()},
    }


def changes(version, previous):
    """What the revision changed from the one before (None: the article's first revision), as
    (label, runs of articles.textdiff.text_diff) for each field or inline that differs."""
    versions = [v for v in (version, previous) if v is not None]
    inline_versions = [
        other for v in versions for other in v.revision.version_set.select_related("content_type")
    ]
    names = _names(*(v.field_dict for v in versions), inline_versions=inline_versions)
    after = {**_article_texts(version.field_dict, names), **_inline_texts(version, names)}
    before = {}
    if previous is not None:
        before = {**_article_texts(previous.field_dict, names), **_inline_texts(previous, names)}
    labels = {name: Article._meta.get_field(name).verbose_name for name in SHOWN_FIELDS}
    labels.update(INLINE_LABELS)
    found = []
    for name, label in labels.items():
        if before.get(name, "") != after.get(name, ""):
            runs = text_diff(before.get(name, ""), after.get(name, ""))
            found.append((label[:1].upper() + label[1:], runs))
    return found
