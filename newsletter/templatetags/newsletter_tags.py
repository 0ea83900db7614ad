from django import template

from newsletter.parts import PREFERENCES_TEMPLATE, account_preferences

register = template.Library()


@register.inclusion_tag(PREFERENCES_TEMPLATE, takes_context=True)
def account_newsletter_preferences(context):
    """Newsletter subscription and preferences for the signed-in reader's newsletter page."""
    form = context.get("preferences_form")
    preferences = account_preferences(context.get("request"), form=form)
    return {"csrf_token": context.get("csrf_token"), **preferences}
