import calendar
import datetime

import reversion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import F, FilteredRelation, Max, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

# Top-level paths other apps own; a category slug may not take one of them.
RESERVED_SLUGS = {
    "about",
    "accounts",
    "admin",
    "authors",
    "feeds",
    "healthz",
    "media",
    "newsletter",
    "predictions",
    "privacy",
    "robots.txt",
    "search",
    "security",
    "sitemap.xml",
    "static",
}

DEFAULT_BYLINE = "Veridact Editorial"
# What an article page shows besides the article row, each fetched in one query.
ARTICLE_PARTS = ("authors", "scenarios", "timeline_events", "faq_items")
# What an article card reads of an article and its category; the lead story, feeds and
# sitemaps read no more (`is_featured` picks the lead, `updated_at` dates a change).
CARD_FIELDS = (
    "title",
    "slug",
    "headline",
    "summary",
    "hero_renditions",
    "hero_alt",
    "status",
    "published_at",
    "updated_at",
    "is_featured",
    "category__name",
    "category__slug",
)
# What the article page itself reads of the article; its sections are in cached parts.
ARTICLE_PAGE_FIELDS = (
    "title",
    "slug",
    "summary",
    "status",
    "published_at",
    "modified_at",
    "comments_closed",
    "comment_count",
    "related_automatic",
    "category__name",
    "category__slug",
)


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(f"“{slug}” is used by another part of the site; choose another slug.")


class CategoryQuerySet(models.QuerySet):
    def formerly_at(self, slug):
        """The category that had this slug before it changed (one at most)."""
        return self.filter(old_slugs__slug=slug)


class Category(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, validators=[validate_not_reserved])
    description = models.CharField(
        max_length=200, help_text="One line, shown under the name on the category page."
    )
    accent_colour = models.CharField(
        max_length=7,
        default="#0b6e69",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #2453c6.")],
        help_text="Hex colour for labels and artwork; pick one readable on white.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])


class AuthorQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Authors with a published article, each with its time as `latest_published_at`."""
        published = Q(
            articles__status=Article.Status.PUBLISHED, articles__published_at__lte=timezone.now()
        )
        return self.filter(published).annotate(latest_published_at=Max("articles__published_at"))


class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The address of the author's page: /authors/<slug>/."
    )
    bio = models.TextField(blank=True, max_length=600)
    portrait = models.ImageField(upload_to="authors/", blank=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles the public may see: published, and not scheduled for later."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published articles whose publication time is still ahead."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def in_category(self, category):
        """Articles of one category."""
        return self.filter(category=category)

    def by(self, author):
        """Articles an author wrote or co-wrote."""
        return self.filter(authors=author)

    def for_cards(self):
        """Only what an article card shows, with its category, in one query."""
        return self.select_related("category").only(*CARD_FIELDS)

    def newest_first(self):
        """Latest publication first; the indexes serve this order."""
        return self.order_by("-published_at", "-pk")

    def home_candidates(self, categories, count, *, lead=True):
        """The `count` latest articles of each of `categories` and, with `lead`, the latest
        featured article and the latest of all: what the home page shows, in one query
        reading no other rows."""
        newest = self.newest_first()
        parts = [newest.filter(is_featured=True)[:1], newest[:1]] if lead else []
        if categories:
            # Compiled once and repeated for each category: the ORM took longer to write
            # the SQL of each than the database took to run them all.
            each = newest.filter(category_id=_EACH)[:count]
            parts.append((each, [category.pk for category in categories]))
        return self.filter(pk__in=_union_all(parts))

    def related_to(self, article, count=4):
        """Related Coverage, in one query: the articles an editor pinned to the article, in
        their order, then (unless the article says not to) the latest in its category."""
        pin = FilteredRelation("pinned_by", condition=Q(pinned_by__article=article))
        wanted = Q(pin__isnull=False)
        if article.related_automatic:
            wanted |= Q(category_id=article.category_id)
        return (
            self.annotate(pin=pin)
            .filter(wanted)
            .exclude(pk=article.pk)
            .order_by(F("pin__order").asc(nulls_last=True), "-published_at", "-pk")[:count]
        )

    def formerly_at(self, category_slug, slug):
        """Articles that were at this address before their slug or category changed."""
        return self.filter(old_addresses__category_slug=category_slug, old_addresses__slug=slug)

    def for_article_page(self):
        """The article and its category as far as its page shows them beside its cached
        parts, which load the rest when they are rendered (see articles.fragments)."""
        return self.select_related("category").only(*ARTICLE_PAGE_FIELDS)


# Stands for each of several values in a queryset compiled once (see `_union_all`).
_EACH = -1


def _union_all(querysets):
    """The ids of several sliced querysets as one subquery: a UNION ALL of LIMITed selects,
    each served by an index, which Django's own union() builds on PostgreSQL alone.

    An entry may be (queryset, values): the queryset once for each value in place of _EACH.
    """
    parts, params = [], []
    for entry in querysets:
        queryset, values = entry if isinstance(entry, tuple) else (entry, [None])
        sql, part_params = queryset.values("pk").query.sql_with_params()
        at = part_params.index(_EACH) if values != [None] else None
        for value in values:
            parts.append(f"SELECT * FROM ({sql}) AS part_{len(parts)}")  # noqa: S608 (as below)
            if at is None:
                params.extend(part_params)
            else:
                params.extend([*part_params[:at], value, *part_params[at + 1 :]])
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 (SQL the ORM compiled)


# Every save in the admin keeps a revision (articles.revisions); the search document is not
# kept, being made from the rest.
@reversion.register(
    exclude=["search_document"],
    follow=["scenarios", "timeline_events", "faq_items", "related_pins"],
)
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text="Unique within the category.")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(
        Author, blank=True, related_name="articles", help_text=f"Empty means “{DEFAULT_BYLINE}”."
    )
    headline = models.CharField(
        max_length=300, help_text="The analysis headline, shown above the summary."
    )
    summary = models.TextField(help_text="The lead paragraph.")

    hero_image = models.ImageField(upload_to="articles/originals/", blank=True)
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="What the image shows, for readers who can't see it.",
    )
    hero_credit = models.CharField(
        "hero image credit", max_length=200, blank=True, help_text="e.g. “Image: courtesy of NASA”."
    )
    hero_renditions = models.JSONField(
        default=dict, blank=True, editable=False, help_text="Sizes made from the hero image."
    )

    outlook = models.TextField(blank=True, help_text="Paragraphs; a small Markdown subset works.")
    background = models.TextField(blank=True)
    precedents = models.TextField(blank=True)
    why_it_matters = models.TextField("why it matters", blank=True)

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="A future time schedules the article."
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="When readers last saw a substantive change: shown as “Updated” with the "
        "note below. Set it (a correction, an imported story), or tick the box above to use "
        "the time of saving; leave both for typo fixes.",
    )
    update_note = models.CharField(
        max_length=300, blank=True, help_text="Public note of what changed in the last update."
    )
    is_featured = models.BooleanField(
        "lead story", default=False, help_text="Feature as the lead story on the home page."
    )
    comments_closed = models.BooleanField(default=False)
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    related_automatic = models.BooleanField(
        "fill Related Coverage with the latest in the category",
        default=True,
        help_text="Related Coverage shows the pinned articles below first, then the latest in "
        "the category up to four. Untick to show the pinned articles only.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    search_document = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="article_slug_per_category"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_published_idx"),
            models.Index(
                fields=["category", "status", "published_at"], name="article_category_idx"
            ),
            # The lead story: the latest featured article, however few there are.
            models.Index(
                fields=["status", "published_at"],
                condition=Q(is_featured=True),
                name="article_featured_idx",
            ),
            GinIndex(fields=["search_document"], name="article_search_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.category.slug, self.slug])

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def last_modified(self):
        """When readers last saw a substantive change: the update, else publication."""
        return self.updated_at or self.published_at


@reversion.register()
class RelatedArticle(models.Model):
    """An article an editor pins to another's Related Coverage."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_pins")
    related = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="pinned_by", verbose_name="article"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "pinned related article"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "related"],
                name="related_article_once",
                violation_error_message="This article is pinned already.",
            ),
            models.CheckConstraint(
                condition=~Q(related=F("article")),
                name="related_article_not_itself",
                violation_error_message="An article cannot be related to itself.",
            ),
        ]

    def __str__(self):
        return str(self.related)


class ArticleAddress(models.Model):
    """An address an article had before its slug or category changed: it redirects there."""

    category_slug = models.SlugField(max_length=60)
    slug = models.SlugField(max_length=200)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_addresses")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "old addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["category_slug", "slug"], name="article_old_address_unique"
            )
        ]

    def __str__(self):
        return reverse("articles:detail", args=[self.category_slug, self.slug])


class CategoryAddress(models.Model):
    """A slug a category had before it changed: its page and feed redirect to the new ones."""

    slug = models.SlugField(max_length=60, unique=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "old category addresses"

    def __str__(self):
        return reverse("articles:category", args=[self.slug])


@reversion.register()
class Scenario(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="scenarios")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    analysis = models.TextField()
    probability = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Optional, 0–100 %. An article's scenarios may not add up to more than 100 %.",
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__isnull=True) | Q(probability__lte=100),
                name="scenario_probability_range",
            )
        ]

    def __str__(self):
        return self.title


@reversion.register()
class TimelineEvent(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="timeline_events")
    # The editor's order: a date known only to the month or year (stored as its first day)
    # has no one place among exact dates, so readers see the events as the editor placed them.
    order = models.PositiveSmallIntegerField(default=0)
    date = models.DateField(help_text="With month or year precision, the first day is stored.")
    precision = models.CharField(max_length=5, choices=Precision, default=Precision.DAY)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "date", "pk"]

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    def save(self, *args, **kwargs):
        self.date = truncate_date(self.date, self.precision)
        super().save(*args, **kwargs)

    @property
    def display_date(self):
        """The date as precisely as it is known: “12 June 2026”, “June 2026” or “2026”."""
        return format_partial_date(self.date, self.precision)

    @property
    def iso_date(self):
        """The date for a <time datetime>: 2026-06-12, 2026-06 or 2026."""
        if self.precision == self.Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == self.Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


def truncate_date(date, precision):
    """Keep only the part of a date its precision knows."""
    if precision == TimelineEvent.Precision.YEAR:
        return datetime.date(date.year, 1, 1)
    if precision == TimelineEvent.Precision.MONTH:
        return datetime.date(date.year, date.month, 1)
    return date


def format_partial_date(date, precision):
    if precision == TimelineEvent.Precision.YEAR:
        return str(date.year)
    if precision == TimelineEvent.Precision.MONTH:
        return f"{calendar.month_name[date.month]} {date.year}"
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"


@reversion.register()
class FAQItem(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faq_items")
    order = models.PositiveSmallIntegerField(default=0)
    question = models.CharField(max_length=300)
    answer = models.TextField()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ item"

    def __str__(self):
        return self.question


class PendingUpload(models.Model):
    """An image an editor chose on a form that could not be saved, kept for the next try.

    The form carries `token`, a secret; the files have names of their own. Kept for a day.
    """

    token = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to="pending/")
    thumbnail = models.FileField(upload_to="pending/")
    thumbnail_width = models.PositiveSmallIntegerField()
    thumbnail_height = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255, help_text="The file's name on the editor's computer.")
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name


class Page(models.Model):
    """A standing page editors keep up to date: About Us, Privacy Policy."""

    class Kind(models.TextChoices):
        ABOUT = "about", "About Us"
        PRIVACY = "privacy", "Privacy Policy"

    slug = models.SlugField(unique=True, choices=Kind)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Paragraphs; a small Markdown subset works.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"articles:{self.slug}")
