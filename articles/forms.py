"""Admin forms for the editors' desk: articles and authors, with their images.

The forms of an article's sections (timeline, FAQ, scenarios, related articles) are in
articles.section_forms.
"""

import logging

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.images import PORTRAIT_MIN_WIDTH, validate_image_upload
from articles.models import Article, Author
from articles.services import (
    REQUIRED_SECTIONS,
    publication_error,
    publication_problems,
    update_problems,
)
from articles.storage import MediaStorageError, unsaved_message
from articles.uploads import (
    pending_upload_discard,
    pending_upload_find,
    pending_upload_keep,
    pending_upload_open,
)

logger = logging.getLogger(__name__)

IMAGE_TYPES = "image/jpeg,image/png,image/webp"


class PlainNewlinesField(forms.CharField):
    """Text from a textarea with the browser's line ends (CRLF) made plain newlines, as the
    stored text has them: an untouched section then neither reads as changed (in the admin's
    history and the revisions) nor is stored anew."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


class AuthorAdminForm(forms.ModelForm):
    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "portrait"]
        # A plain file field: Django's image field would answer every problem with one
        # vague message before validate_image_upload could say which it is.
        field_classes = {"portrait": forms.FileField}
        widgets = {"portrait": forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES})}
        help_texts = {
            "portrait": f"A JPEG, PNG or WebP photo at least {PORTRAIT_MIN_WIDTH} pixels wide."
        }

    def clean_portrait(self):
        portrait = self.cleaned_data.get("portrait")
        if isinstance(portrait, UploadedFile):
            validate_image_upload(portrait, min_width=PORTRAIT_MIN_WIDTH, kind="portraits")
        return portrait


class HeroImageInput(forms.ClearableFileInput):
    """The file input with thumbnails of the current hero image and of one kept from a
    failed save (`article` and `kept` are set by the form)."""

    article = None
    kept = None

    def render(self, name, value, attrs=None, renderer=None):
        thumbnails = []
        sources = ((self.article.hero_renditions or {}) if self.article else {}).get("sources")
        if self.article and self.article.hero_image and sources and sources.get("jpeg"):
            _, path = sources["jpeg"][0]
            ratio = self.article.hero_renditions["height"] / self.article.hero_renditions["width"]
            thumbnails.append(
                (default_storage.url(path), 160, round(160 * ratio), "The current hero image")
            )
        if self.kept:
            kept = self.kept
            height = round(160 * kept.thumbnail_height / kept.thumbnail_width)
            thumbnails.append((kept.thumbnail.url, 160, height, f"Kept from your last try: {kept}"))
        shown = format_html_join(
            "",
            '<figure class="hero-thumbnail"><img src="{}" width="{}" height="{}" alt="">'
            "<figcaption>{}</figcaption></figure>",
            thumbnails,
        )
        note = ""
        if self.kept:
            note = format_html(
                '<p class="help">{} is saved with the article unless you choose another '
                "file{}.</p>",
                self.kept,
                " or clear the image" if self.is_initial(value) else "",
            )
        return format_html(
            '<div class="hero-image-input"><div class="hero-image-input__thumbnails">{}</div>'
            "{}{}</div>",
            shown,
            note,
            super().render(name, value, attrs, renderer),
        )


class ArticleAdminForm(forms.ModelForm):
    # Set by the admin when it shows the form again because the media storage failed on the
    # save (articles.admin.MediaStorageFailureAdmin): then the form asks the storage nothing.
    media_storage_failure = None
    # The image chosen on a try that failed, by its token (articles.uploads.pending_upload_keep).
    pending_hero = forms.CharField(required=False, widget=forms.HiddenInput)
    substantive_update = forms.BooleanField(
        required=False,
        label="This is a substantive update",
        help_text="Sets the public “Updated” date to the time of saving, shown with the note "
        "below. Leave unticked for typo fixes and small corrections.",
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "category",
            "authors",
            "headline",
            "summary",
            "hero_image",
            "hero_alt",
            "hero_credit",
            "outlook",
            "background",
            "precedents",
            "why_it_matters",
            "status",
            "published_at",
            "is_featured",
            "updated_at",
            "update_note",
            "comments_closed",
            "related_automatic",
        ]
        field_classes = {"hero_image": forms.FileField}  # see AuthorAdminForm
        widgets = {"hero_image": HeroImageInput(attrs={"accept": IMAGE_TYPES})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The form shows whole seconds; an unchanged date must not read as a change.
        if self.instance.updated_at:
            self.initial["updated_at"] = self.instance.updated_at.replace(microsecond=0)
        self.fields["hero_image"].widget.article = self.instance
        self.stamp_update = False
        self.pending_token = self.data.get("pending_hero", "") if self.is_bound else ""
        self.kept_hero = self.kept_hero_failure = None
        self._take_kept_hero_image()

    def _take_kept_hero_image(self):
        """Take the image kept from the last try as if the editor had chosen it again,
        unless they chose another file or cleared the image."""
        if not self.pending_token or "hero_image" in self.files:
            return
        if self.data.get("hero_image-clear"):
            return
        pending = pending_upload_find(token=self.pending_token)
        if pending and self.media_storage_failure:
            # Shown as still kept, not read again from a storage that just failed.
            self.fields["hero_image"].widget.kept = pending
            return
        try:
            upload = pending and pending_upload_open(pending=pending)
        except MediaStorageError as failure:
            # Refused in clean_hero_image; the token stays in the form for the next try.
            logger.error("The media storage failed reading kept image %s: %s", pending.pk, failure)
            self.kept_hero_failure = failure
            self.fields["hero_image"].widget.kept = pending
            return
        if upload:
            self.files = self.files.copy()
            self.files["hero_image"] = upload
            self.kept_hero = pending

    def keep_hero_image(self):
        """After a failed save, keep a valid chosen hero image for the next try and show it.

        Called by the admin on rendering the form again; the last kept one is let go. If the
        media storage fails, the editor is asked to choose the image again.
        """
        upload = getattr(self, "cleaned_data", {}).get("hero_image")
        if not isinstance(upload, UploadedFile):
            return
        try:
            kept = pending_upload_keep(upload=upload)
        except MediaStorageError as failure:
            logger.error("The media storage failed keeping a hero image: %s", failure)
            if self.kept_hero:  # the image is the one kept before, which stays kept
                self.fields["hero_image"].widget.kept = self.kept_hero
                return
            # An image kept from an earlier try is not this one: leave it out of the next.
            self.pending_token = ""
            self.data = self.data.copy()
            self.data["pending_hero"] = ""
            self.add_error(
                "hero_image",
                f"This image could not be kept for your next try: the media storage "
                f"{failure.reason}. Choose the file again when you save.",
            )
            return
        if self.pending_token:
            pending_upload_discard(token=self.pending_token)
        self.pending_token = kept.token
        self.data = self.data.copy()
        self.data["pending_hero"] = kept.token
        self.fields["hero_image"].widget.kept = kept

    def let_go_of_kept_hero_image(self):
        """After a save, forget the image kept from an earlier try: it is saved, or replaced."""
        if self.pending_token:
            pending_upload_discard(token=self.pending_token)

    def clean_hero_image(self):
        image = self.cleaned_data.get("hero_image")
        if self.kept_hero_failure:
            raise forms.ValidationError(
                unsaved_message(
                    self.kept_hero_failure,
                    what="The image kept from your last try could not be read",
                ),
                code="storage",
            )
        if isinstance(image, UploadedFile):
            validate_image_upload(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED:
            if not cleaned.get("published_at"):
                self.add_error("published_at", "Set when the article is (or will be) published.")
            # The inlines are checked by their formsets; the article's own sections here.
            sections = {field: cleaned.get(field) or "" for field in REQUIRED_SECTIONS}
            problems = publication_problems(**sections)
            if problems:
                raise publication_error(problems)
        if cleaned.get("hero_image") and not cleaned.get("hero_alt", "").strip():
            self.add_error("hero_alt", "Describe the image for readers who can't see it.")
        self._clean_update(cleaned)
        return cleaned

    def _clean_update(self, cleaned):
        """An Updated date the editor set, or the time of saving when they ticked the box
        (`stamp_update`: articles.services.article_save stamps it)."""
        if "updated_at" not in self.changed_data:
            # Kept as stored, to the microsecond the form does not show.
            cleaned["updated_at"] = self.instance.updated_at
        dated = "updated_at" in self.changed_data and cleaned.get("updated_at") is not None
        substantive = cleaned.get("substantive_update")
        if not (dated or substantive):
            return
        updated_at = cleaned["updated_at"] if dated else timezone.now().replace(microsecond=0)
        problems = update_problems(
            is_new=self.instance.pk is None,
            published_at=cleaned.get("published_at"),
            updated_at=updated_at,
            note=cleaned.get("update_note", ""),
        )
        for field, message in problems:
            # Said where the editor acted: the date they set, or the box they ticked.
            if field == "updated_at" and not dated:
                field = "substantive_update"
            self.add_error(field, message)
        self.stamp_update = not dated
