from django import forms

from accounts.forms import ReaderTextField
from discussion.models import COMMENT_MAX_LENGTH, COMMENT_TITLE_MAX_LENGTH, Report


class ReplyForm(forms.Form):
    body = ReaderTextField(
        limit=COMMENT_MAX_LENGTH,
        noun="comment",
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, prefix_id="comment", **kwargs):
        super().__init__(*args, auto_id=f"{prefix_id}-%s", **kwargs)


class CommentForm(ReplyForm):
    """A comment at the top of a thread: an optional title or name line, and the text."""

    title = ReaderTextField(
        limit=COMMENT_TITLE_MAX_LENGTH,
        one_line=True,
        noun="title",
        required=False,
        label="Title or name",
    )

    field_order = ["title", "body"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        label="What is wrong with this comment?",
    )
