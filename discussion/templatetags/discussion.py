from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.text import render_comment
from discussion.models import Comment
from discussion.threads import SECTION_TEMPLATE, section_context

register = template.Library()


@register.inclusion_tag(SECTION_TEMPLATE, takes_context=True)
def discussion_section(context, article):
    """The Discussion section of an article page: one query, two for signed-in readers."""
    return section_context(context.get("request"), article)


@register.filter
def comment_body(text):
    """Show a comment as HTML: escaped, line breaks kept, links marked nofollow ugc."""
    return mark_safe(render_comment(text))  # noqa: S308 (render_comment escapes everything)


@register.simple_tag(takes_context=True)
def discussion_comment(context, comment, is_reply=False):
    """One comment of the discussion (as `section_context` prepared it), with the actions
    the signed-in reader may take on it.

    Built here rather than by a template include: fifty comments through an include were
    most of the time an article page took to render again after a new comment.
    """
    classes = "comment" + (" comment--reply" if is_reply else "")
    if comment.status != Comment.Status.VISIBLE:
        placeholder = (
            "[comment removed]"
            if comment.status == Comment.Status.REMOVED
            else "[comment hidden by moderators]"
        )
        return format_html(
            '<article class="{} comment--gone" id="comment-{}" aria-label="Comment by {}">'
            '<p class="comment__placeholder">{}</p></article>',
            classes,
            comment.pk,
            comment.author_name,
            placeholder,
        )
    user = context.get("user")
    return format_html(
        '<article class="{classes}" id="comment-{pk}" aria-label="Comment by {name}">'
        '<header class="comment__meta">{author}'
        '<a class="comment__permalink" href="{page}#comment-{pk}">'
        '<time datetime="{iso}" data-relative>{exact}</time></a>{edited}</header>'
        '{title}<div class="comment__body">{body}</div>{actions}</article>',
        classes=classes,
        pk=comment.pk,
        name=comment.author_name,
        author=_author(comment),
        page=context.get("this_page_url", ""),
        iso=comment.time_iso,
        exact=comment.time_exact,
        edited=_edited(comment),
        title=format_html('<h3 class="comment__title">{}</h3>', comment.title)
        if comment.title
        else "",
        body=comment_body(comment.body),
        actions=_actions(comment) if user is not None and user.is_authenticated else "",
    )


def _author(comment):
    if comment.author_url:
        return format_html(
            '<a class="comment__author" href="{}">{}</a>', comment.author_url, comment.author_name
        )
    return format_html('<span class="comment__author">{}</span>', comment.author_name)


def _edited(comment):
    if not comment.time_edited:
        return ""
    return format_html(
        '<span class="comment__edited" title="Edited {}">edited</span>', comment.time_edited
    )


def _actions(comment):
    """Edit, and Delete or Report, as `section_context` decided for the signed-in reader."""
    edit = (
        format_html('<a href="{}edit/">Edit</a>', comment.action_url)
        if comment.viewer_can_edit
        else ""
    )
    if comment.viewer_is_author:
        other = format_html('<a href="{}delete/">Delete</a>', comment.action_url)
    elif getattr(comment, "viewer_reported", False):
        other = mark_safe('<span class="muted">Reported</span>')
    else:
        other = format_html('<a href="{}report/">Report</a>', comment.action_url)
    return format_html('<p class="comment__actions">{}{}</p>', edit, other)
