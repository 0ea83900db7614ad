from django import forms

from articles.models import Category
from newsletter.models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Email address")


class PreferencesForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one category, or unsubscribe instead."},
        help_text="A digest brings new articles from these categories.",
    )
    frequency = forms.ChoiceField(
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text="Daily digests go out at 07:00 UTC; weekly ones on Mondays at 07:00 UTC.",
    )

    @classmethod
    def for_subscriber(cls, subscriber, data=None, **kwargs):
        initial = {
            "categories": list(subscriber.categories.all()),
            "frequency": subscriber.frequency,
        }
        return cls(data=data, initial=initial, **kwargs)


class DigestPreviewForm(forms.Form):
    """Which next issue an editor previews: its frequency, and whose categories it is for."""

    frequency = forms.ChoiceField(choices=Frequency.choices, label="Digest")
    # A category set as the deliveries name it ("1,3"); the preview offers those
    # subscribers have, and shows the whole issue for any other.
    audience = forms.RegexField(
        regex=r"^\d{1,9}(,\d{1,9}){0,49}$", required=False, max_length=200, label="As sent to"
    )
