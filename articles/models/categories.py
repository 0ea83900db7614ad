"""Categories, and the slugs they had before (their old pages redirect)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from pagecache.reversing import cached_reverse

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
        return cached_reverse("articles:category", self.slug)


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
