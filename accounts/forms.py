from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms

from accounts.models import DELETED_USER_NAME, User
from accounts.text import clean_line, clean_text

DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length
BIO_MAX_LENGTH = User._meta.get_field("bio").max_length


class ReaderTextField(forms.CharField):
    """Text a reader types: cleaned, then counted in characters with a message naming the limit.

    No `maxlength` attribute is rendered: a browser would cut a long paste short without a
    word, and readers should see the whole of what they typed next to the error instead.
    """

    def __init__(self, *, limit, one_line=False, noun="text", **kwargs):
        self.limit, self.one_line, self.noun = limit, one_line, noun
        kwargs.setdefault("error_messages", {"required": f"Write your {noun} before sending it."})
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean_line(value) if self.one_line else clean_text(value)

    def validate(self, value):
        super().validate(value)
        if len(value) > self.limit:
            raise forms.ValidationError(
                "%(noun)s can be at most %(limit)s characters long; yours has %(length)s.",
                code="max_length",
                params={
                    "noun": self.noun.capitalize(),
                    "limit": f"{self.limit:,}",
                    "length": f"{len(value):,}",
                },
            )


def display_name_field(**kwargs):
    return ReaderTextField(
        limit=DISPLAY_NAME_MAX_LENGTH,
        one_line=True,
        noun="display name",
        label="Display name",
        help_text="Shown with your comments and forecasts.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        **kwargs,
    )


def clean_display_name(name):
    if name.casefold() == DELETED_USER_NAME.casefold():
        raise forms.ValidationError("Choose another display name.", code="reserved")
    return name


class ReaderSignupForm(SignupForm):
    """Allauth's sign-up, asking for a display name too."""

    display_name = display_name_field()
    display_name_max_length = DISPLAY_NAME_MAX_LENGTH
    honeypot_name = settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD

    field_order = ["email", "display_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        honeypot = self.fields.get(self.honeypot_name)
        if honeypot is not None:
            # Allauth hides it with an inline style, which our content policy forbids.
            honeypot.label = "Leave this empty"
            honeypot.widget.attrs = {"tabindex": "-1", "autocomplete": "off"}

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])


class ProfileForm(forms.ModelForm):
    display_name = display_name_field()
    bio = ReaderTextField(
        limit=BIO_MAX_LENGTH,
        noun="bio",
        required=False,
        label="Short bio",
        help_text="Shown on your public profile.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = User
        fields = ["display_name", "bio"]

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="password_incorrect")
        return password


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "display_name"]


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
