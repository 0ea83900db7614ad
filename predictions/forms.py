import re

from django import forms

# Whole percentages only: "50.5" is refused rather than rounded, so what is stored is
# exactly what the reader typed. A trailing "%" and surrounding spaces are allowed.
WHOLE_PERCENT = re.compile(r"^\s*(\d{1,3})\s*%?\s*$")


class ForecastForm(forms.Form):
    probability = forms.CharField(
        label="Your probability (%)",
        max_length=10,
        help_text="A whole number from 1 to 99: how likely you think a “yes” is.",
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "pattern": r"\s*\d{1,2}\s*%?\s*", "autocomplete": "off"}
        ),
    )

    notify = forms.BooleanField(
        required=False,
        label="Email me my score when this question resolves",
        help_text="One email when it resolves or is annulled, with a link to stop these emails.",
    )

    def clean_probability(self):
        raw = self.cleaned_data["probability"]
        match = WHOLE_PERCENT.match(raw)
        if not match:
            if re.match(r"^\s*-?\d+[.,]\d+\s*%?\s*$", raw):
                raise forms.ValidationError(
                    "Use a whole number of percent, such as 50 or 51 — not a decimal."
                )
            raise forms.ValidationError("Enter a number from 1 to 99.")
        value = int(match.group(1))
        if not 1 <= value <= 99:
            raise forms.ValidationError(
                "Enter a number from 1 to 99: nothing is certain, so 0 and 100 are not allowed."
            )
        return value
