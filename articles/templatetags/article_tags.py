from django import template
from django.utils.safestring import mark_safe

from articles.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render an editor's text (a small Markdown subset) as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 (nh3 has sanitised it)
