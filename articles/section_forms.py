"""Admin forms for an article's sections: its timeline (with dates known to the day, the
month or the year), FAQ, scenarios and pinned related articles, as inline formsets that
check the publication rules on the rows as they will be saved."""

import datetime
import re

from django import forms

from articles.models import Article, TimelineEvent, format_partial_date
from articles.services import publication_problems

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?$", re.IGNORECASE)


def parse_partial_date(value):
    """Parse 2026-06-12, 2026-06-XX (2026-06) or 2026-XX-XX (2026) into (date, precision)."""
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        raise forms.ValidationError(
            "Write the date as 2026-06-12, or 2026-06-XX when only the month is known, "
            "or 2026-XX-XX when only the year is."
        )
    year, month, day = match.groups()
    month = None if month is None or month.upper() == "XX" else int(month)
    day = None if day is None or day.upper() == "XX" else int(day)
    if month is None and day is not None:
        raise forms.ValidationError("A day needs a month: write 2026-06-12 or 2026-XX-XX.")
    try:
        if month is None:
            return datetime.date(int(year), 1, 1), TimelineEvent.Precision.YEAR
        if day is None:
            return datetime.date(int(year), month, 1), TimelineEvent.Precision.MONTH
        return datetime.date(int(year), month, day), TimelineEvent.Precision.DAY
    except ValueError:
        raise forms.ValidationError(f"{value} is not a date in the calendar.") from None


def partial_date_text(event):
    if event.precision == TimelineEvent.Precision.YEAR:
        return f"{event.date.year:04d}-XX-XX"
    if event.precision == TimelineEvent.Precision.MONTH:
        return f"{event.date.year:04d}-{event.date.month:02d}-XX"
    return event.date.isoformat()


class TimelineEventForm(forms.ModelForm):
    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=32767,
        # The admin's narrow number box, as the other inlines' order fields have.
        widget=forms.NumberInput(attrs={"class": "vPositiveSmallIntegerField"}),
        help_text="Place in the timeline. Leave empty to place the event by its date.",
    )
    when = forms.CharField(
        max_length=10,
        help_text="2026-06-12, or 2026-06-XX (month known), or 2026-XX-XX (year known).",
    )

    class Meta:
        model = TimelineEvent
        fields = ["order", "when", "title", "description"]
        # A row of the timeline's table fits the form's width.
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "cols": 40})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["when"].initial = partial_date_text(self.instance)

    def clean_when(self):
        date, precision = parse_partial_date(self.cleaned_data["when"])
        self.instance.date, self.instance.precision = date, precision
        self.cleaned_data["display_date"] = format_partial_date(date, precision)
        return self.cleaned_data["when"]


def _live_forms(formset):
    """The forms that will hold a row once saved: filled in and not marked for deletion."""
    live = []
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.has_changed() or form.instance.pk:
            live.append(form)
    return live


class RequiredForPublishingFormSet(forms.BaseInlineFormSet):
    """An inline a published article cannot be without (timeline events, FAQ items): its
    rows, counted as they will be saved, against the publication rules."""

    requirement = ""  # the part, as articles.services.REQUIRED_PARTS names it

    def clean(self):
        super().clean()
        if self.instance.status != Article.Status.PUBLISHED:
            return
        for problem in publication_problems(**{self.requirement: len(_live_forms(self))}):
            raise forms.ValidationError(
                f"A published article needs {problem}; add one or save it as a draft."
            )


def place_by_date(numbered, unnumbered, date_of):
    """The timeline as the editor numbered it, each unnumbered event after the last one
    dated no later than it (so a timeline nobody numbered is in date order)."""
    sequence = list(numbered)
    for event in sorted(unnumbered, key=date_of):
        before = [i for i, other in enumerate(sequence) if date_of(other) <= date_of(event)]
        sequence.insert(before[-1] + 1 if before else 0, event)
    return sequence


class TimelineFormSet(RequiredForPublishingFormSet):
    requirement = "timeline_events"

    def save(self, commit=True):
        """Number the events 1, 2, 3… in the editor's order, defaulting to date order."""
        live = [form for form in _live_forms(self) if form.is_valid()]
        numbered = sorted(
            (form for form in live if form.cleaned_data.get("order") is not None),
            key=lambda form: (form.cleaned_data["order"], form.instance.date),
        )
        unnumbered = [form for form in live if form.cleaned_data.get("order") is None]
        placed = place_by_date(numbered, unnumbered, date_of=lambda form: form.instance.date)
        for position, form in enumerate(placed, start=1):
            form.instance.order = position
        saved = super().save(commit)
        if commit:
            # Events the editor left untouched are not saved by the formset, but may move.
            moved = [
                form.instance
                for form in placed
                if form.instance.pk
                and not form.has_changed()
                and form.initial.get("order") != form.instance.order
            ]
            TimelineEvent.objects.bulk_update(moved, ["order"])
        return saved


class FAQFormSet(RequiredForPublishingFormSet):
    requirement = "faq_items"


class ScenarioFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        total = sum(
            form.cleaned_data.get("probability") or 0
            for form in _live_forms(self)
            if hasattr(form, "cleaned_data")
        )
        if total > 100:
            raise forms.ValidationError(
                f"The scenarios' probabilities add up to {total} %; they may not exceed 100 %."
            )


class RelatedArticleFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The inline leaves the article out of each row's own checks, so the constraint that
        # an article is not related to itself is checked here.
        for form in _live_forms(self):
            if self.instance.pk and form.cleaned_data.get("related") == self.instance:
                form.add_error("related", "An article cannot be related to itself.")
