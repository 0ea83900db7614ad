from django import forms

from accounts.forms import ReaderTextField
from discussion.models import COMMENT_MAX_LENGTH, Report


class CommentForm(forms.Form):
    body = ReaderTextField(
        limit=COMMENT_MAX_LENGTH,
        noun="comment",
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, prefix_id="comment", **kwargs):
        super().__init__(*args, auto_id=f"{prefix_id}-%s", **kwargs)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        label="What is wrong with this comment?",
    )
