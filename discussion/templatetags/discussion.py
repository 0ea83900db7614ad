from django import template
from django.utils.safestring import mark_safe

from accounts.text import render_comment
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
