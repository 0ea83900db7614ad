"""Articles' text as their pages show it, rendered once and kept beside the article."""

from django.db import models

from articles.models.articles import Article


class RenderedText(models.Model):
    """An article's head tags, body and description as its page last rendered them.

    Rendering the text reads the article's sections and authors and runs its templates, the
    most costly part of an article page; kept here, the page cache losing it (an eviction, a
    restart, a site-wide change) costs one query. A copy is current while the article's
    `modified_at` and the deployed code's `stamp` are the ones it was rendered with; a change
    to its authors or category moves its `modified_at` too (articles.services). See
    articles.fragments.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="rendered_text"
    )
    stamp = models.CharField(max_length=64)
    modified_at = models.DateTimeField()
    description = models.TextField()
    head = models.TextField()
    body = models.TextField()

    def __str__(self):
        return f"Rendered text of article {self.article_id}"
