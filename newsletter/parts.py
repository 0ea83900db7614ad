"""What the newsletter shows on other apps' pages (articles.parts): a reader's subscription."""

from django.template.loader import render_to_string

from articles import parts
from newsletter import services
from newsletter.forms import PreferencesForm

PREFERENCES_TEMPLATE = "newsletter/includes/_account_preferences.html"


def account_preferences(request, form=None):
    """What the newsletter section of a signed-in reader's account shows (`form`: after a
    failed save, the form as it was sent)."""
    user = getattr(request, "user", None)
    result = {"request": request}
    if user is None or not user.is_authenticated:
        return result
    subscriber = services.subscription_for_user(user)
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


def settings_section(request):
    """The newsletter section of a reader's account settings, with its forms."""
    return render_to_string(PREFERENCES_TEMPLATE, account_preferences(request), request=request)


def register():
    """Fill the slots of other apps' pages that show the newsletter."""
    parts.register("settings.newsletter", settings_section)
