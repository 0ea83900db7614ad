from django import template

from newsletter import services
from newsletter.forms import PreferencesForm

register = template.Library()


@register.inclusion_tag("newsletter/includes/_account_preferences.html", takes_context=True)
def account_newsletter_preferences(context):
    """Newsletter subscription and preferences for the signed-in reader's settings page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    result = {"request": request, "csrf_token": context.get("csrf_token")}
    if user is None or not user.is_authenticated:
        return result
    subscriber = services.subscription_for_user(user)
    form = context.get("preferences_form")
    if form is None and subscriber is not None and subscriber.is_confirmed():
        form = PreferencesForm.for_subscriber(subscriber)
    result.update(
        subscriber=subscriber,
        verified_email=services.verified_email(user),
        form=form,
        # After a failed save the page is the POST endpoint: go back where the form came from.
        next=request.POST.get("next", "") if request.method == "POST" else request.get_full_path(),
    )
    return result
