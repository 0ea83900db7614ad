from django import template

register = template.Library()


@register.inclusion_tag("accounts/includes/_discussion.html", takes_context=True)
def discussion_section(context, article):
    """The Discussion section of an article page."""
    return {"article": article, "request": context.get("request")}
