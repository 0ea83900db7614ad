from django import template

from articles import parts

register = template.Library()


@register.simple_tag(takes_context=True)
def page_part(context, slot, **objects):
    """The part another app fills in `slot` (articles.parts), for this page's request."""
    return parts.render(slot, context.get("request"), **objects)
