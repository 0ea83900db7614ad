from django import template

register = template.Library()


@register.inclusion_tag("newsletter/includes/_account_preferences.html", takes_context=True)
def account_newsletter_preferences(context):
    """Newsletter preferences for the signed-in reader's settings page."""
    return {"request": context.get("request")}
