"""The standing pages editors keep: About Us, Privacy Policy."""

from django.db import models
from django.urls import reverse


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
