"""Where the discussion's forms post, for the tests that send them."""

from django.urls import reverse


def post_url(article):
    """Where a new comment on the article is posted."""
    return reverse("discussion:comment_post", args=[article.pk])


def comment_action(name, comment):
    """Where an action on a comment (comment_edit, comment_delete, comment_report…) is sent."""
    return reverse(f"discussion:{name}", args=[comment.article_id, comment.pk])
