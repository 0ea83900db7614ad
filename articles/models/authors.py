"""The people who write articles."""

from django.db import models
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from articles.models.articles import Article


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
