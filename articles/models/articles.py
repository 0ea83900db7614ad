"""Articles, their query vocabulary, the articles pinned to them and the addresses they had."""

import reversion
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, FilteredRelation, Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from articles.models.categories import Category
from pagecache.reversing import cached_reverse

DEFAULT_BYLINE = "Veridact Editorial"
# What an article page shows besides the article row, each fetched in one query.
ARTICLE_PARTS = ("authors", "scenarios", "timeline_events", "faq_items")
# What an article card reads of an article and its category; the lead story, feeds and
# sitemaps read no more (`is_featured` picks the lead, `updated_at` dates a change, and
# `modified_at` says whether a card kept in the cache is still current, articles.cards).
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
    "modified_at",
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


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles the public may see: published, and not scheduled for later (than `now`)."""
        now = timezone.now() if now is None else now
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now)

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
        """The `count` latest articles of each of `categories` (ids) and, with `lead`, the
        latest featured article and the latest of all: what the home page shows, in one
        query reading no other rows (articles.home compiles it once)."""
        newest = self.newest_first()
        parts = [newest.filter(is_featured=True)[:1], newest[:1]] if lead else []
        parts += [newest.filter(category_id=category)[:count] for category in categories]
        return self.filter(pk__in=_union_all(parts))

    def related_to(self, article, category=None, count=4):
        """Related Coverage, in one query: the articles an editor pinned to `article` (an
        id), in their order, then, given a `category` (an id), the latest in it."""
        pin = FilteredRelation("pinned_by", condition=Q(pinned_by__article=article))
        wanted = Q(pin__isnull=False)
        if category is not None:
            wanted |= Q(category_id=category)
        return (
            self.annotate(pin=pin)
            .filter(wanted)
            .exclude(pk=article)
            .order_by(F("pin__order").asc(nulls_last=True), "-published_at", "-pk")[:count]
        )

    def formerly_at(self, category_slug, slug):
        """Articles that were at this address before their slug or category changed."""
        return self.filter(old_addresses__category_slug=category_slug, old_addresses__slug=slug)

    def for_article_page(self):
        """The article and its category as far as its page shows them beside its cached
        parts, which load the rest when they are rendered (see articles.fragments)."""
        return self.select_related("category").only(*ARTICLE_PAGE_FIELDS)


def _union_all(querysets):
    """The ids of several sliced querysets as one subquery: a UNION ALL of LIMITed selects,
    each served by an index, which Django's own union() builds on PostgreSQL alone."""
    parts, params = [], []
    for queryset in querysets:
        sql, part_params = queryset.values("pk").query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part_{len(parts)}")  # noqa: S608 (as below)
        params.extend(part_params)
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
    # By name: articles.models.authors builds on this module.
    authors = models.ManyToManyField(
        "articles.Author",
        blank=True,
        related_name="articles",
        help_text=f"Empty means “{DEFAULT_BYLINE}”.",
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
        return cached_reverse("articles:detail", self.category.slug, self.slug)

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
