from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.discussion import discussion_page, page_number, page_url
from accounts.forms import CommentForm
from accounts.models import COMMENT_MAX_LENGTH
from accounts.services import reader_standing
from accounts.text import render_comment

register = template.Library()


@register.inclusion_tag("accounts/includes/_discussion.html", takes_context=True)
def discussion_section(context, article):
    """The Discussion section of an article page: one query, two for signed-in readers."""
    request = context.get("request")
    user = getattr(request, "user", None)
    page = discussion_page(article, page_number(request), viewer=user)
    section = {
        "article": article,
        "page": page,
        "request": request,
        "max_length": COMMENT_MAX_LENGTH,
        "previous_url": page_url(article, page.previous_number) if page.has_previous else "",
        "next_url": page_url(article, page.next_number) if page.has_next else "",
        "this_page_url": page_url(article, page.number),
    }
    # Reversed once, then extended per comment: a hundred comments with four links each
    # made reverse() a sixth of the rendering time.
    profiles = reverse("accounts:profile", args=[0]).removesuffix("0/")
    for thread in page.threads:
        for comment in [thread, *thread.visible_replies]:
            _stamp(comment)
            comment.author_url = (
                f"{profiles}{comment.author_id}/" if comment.author_has_profile else ""
            )
    if user is None or not user.is_authenticated:
        return section
    # Only signed-in readers' pages, which are never cached, carry a form and a CSRF token.
    now = timezone.now()
    comments = reverse("accounts:comment_post", args=[article.pk])
    for thread in page.threads:
        for comment in [thread, *thread.visible_replies]:
            comment.viewer_can_edit = comment.can_be_edited_by(user, now=now)
            comment.viewer_is_author = comment.author_id == user.pk
            comment.action_url = f"{comments}{comment.pk}/"  # + edit/, delete/, report/, reply/
    section.update(
        user=user,
        standing=reader_standing(user=user),
        form=CommentForm(),
    )
    return section


def _stamp(comment):
    # Formatted here in Python: Django's date filter, run twice for each of a hundred
    # comments, was a quarter of the section's rendering time.
    local = timezone.localtime(comment.created_at)
    comment.time_iso = local.isoformat()
    comment.time_exact = f"{local.day} {local:%B %Y, %H:%M} {local.tzname()}"


@register.filter
def comment_body(text):
    """Show a comment as HTML: escaped, line breaks kept, links marked nofollow ugc."""
    return mark_safe(render_comment(text))  # noqa: S308 (render_comment escapes everything)
