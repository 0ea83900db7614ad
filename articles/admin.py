import logging

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from articles import revisions, services
from articles.forms import ArticleAdminForm, AuthorAdminForm, PlainNewlinesField
from articles.models import (
    Article,
    Author,
    Category,
    FAQItem,
    Page,
    RelatedArticle,
    Scenario,
    TimelineEvent,
)
from articles.section_forms import (
    FAQFormSet,
    RelatedArticleFormSet,
    ScenarioFormSet,
    TimelineEventForm,
    TimelineFormSet,
)
from articles.storage import MediaStorageError, unsaved_message

logger = logging.getLogger(__name__)

# Every long text an editor writes in the article form, its inlines' too.
PLAIN_NEWLINES = {models.TextField: {"form_class": PlainNewlinesField}}


# Saves and deletions go through the services, which keep the cached pages in step.


class MediaStorageFailureAdmin:
    """An admin whose form takes an upload: when the media storage fails while saving it,
    the form is shown again (200) with the error on the upload's field and everything the
    editor typed, and nothing is saved.

    The service raises MediaStorageError; it leaves the admin's view (add, change, a
    revision's), whose transaction and django-reversion's revision roll back, and the view
    runs again on the same request, with a form that adds the error and asks the storage
    nothing, so the editor does not wait for a failing storage twice.
    """

    media_field = ""  # the upload whose field shows the error

    def add_view(self, request, form_url="", extra_context=None):
        return self.media_storage_failure_shown(super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        view = super().change_view
        return self.media_storage_failure_shown(view, request, object_id, form_url, extra_context)

    def media_storage_failure_shown(self, view, request, *args):
        """Run an admin view; should the media storage fail, run it again to show why."""
        try:
            return view(request, *args)
        except MediaStorageError as failure:
            logger.error(
                "The media storage failed saving %s (%s) for user %s; the form is shown again: %s",
                self.opts.label,
                self.media_field,
                request.user.pk,
                failure,
                exc_info=failure.cause,
            )
            request.media_storage_failure = failure
            return view(request, *args)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        failure = getattr(request, "media_storage_failure", None)
        if failure is None:
            return form
        field = self.media_field

        class MediaStorageFailedForm(form):
            media_storage_failure = failure

            def full_clean(self):
                super().full_clean()
                if self.is_bound:
                    self.add_error(field, unsaved_message(failure))

        return MediaStorageFailedForm


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        services.category_save(category=obj)

    def delete_model(self, request, obj):
        services.category_delete(category=obj)

    def delete_queryset(self, request, queryset):
        for category in queryset:
            services.category_delete(category=category)


@admin.register(Author)
class AuthorAdmin(MediaStorageFailureAdmin, admin.ModelAdmin):
    form = AuthorAdminForm
    media_field = "portrait"
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        services.author_save(author=obj)

    def delete_model(self, request, obj):
        services.author_delete(author=obj)

    def delete_queryset(self, request, queryset):
        for author in queryset:
            services.author_delete(author=author)


class ScenarioInline(admin.StackedInline):
    model = Scenario
    formfield_overrides = PLAIN_NEWLINES
    formset = ScenarioFormSet
    extra = 0
    fields = ["order", "title", "probability", "analysis"]


class TimelineEventInline(admin.TabularInline):
    model = TimelineEvent
    formfield_overrides = PLAIN_NEWLINES
    form = TimelineEventForm
    formset = TimelineFormSet
    extra = 0


class FAQItemInline(admin.StackedInline):
    model = FAQItem
    formfield_overrides = PLAIN_NEWLINES
    formset = FAQFormSet
    extra = 0
    fields = ["order", "question", "answer"]
    verbose_name_plural = "FAQ"


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    formset = RelatedArticleFormSet
    fk_name = "article"
    extra = 0
    fields = ["order", "related"]
    autocomplete_fields = ["related"]
    verbose_name_plural = "Related Coverage: pinned articles (lower order comes first)"


@admin.register(Article)
class ArticleAdmin(MediaStorageFailureAdmin, VersionAdmin):
    form = ArticleAdminForm
    media_field = "hero_image"
    formfield_overrides = PLAIN_NEWLINES
    object_history_template = "admin/articles/article/revision_history.html"
    history_latest_first = True
    history_order_by_date = True
    inlines = [ScenarioInline, TimelineEventInline, FAQItemInline, RelatedArticleInline]
    list_display = ["title", "category", "status_label", "published_at", "updated_at"]
    list_filter = ["category", "status", "authors", "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title", "headline", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    readonly_fields = ["comment_count", "old_addresses"]
    actions = ["publish_now", "unpublish"]

    class Media:
        css = {"all": ["css/admin.css"]}

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "category",
                    "old_addresses",
                    "authors",
                    "headline",
                    "summary",
                ]
            },
        ),
        ("Hero image", {"fields": ["hero_image", "pending_hero", "hero_alt", "hero_credit"]}),
        ("Sections", {"fields": ["outlook", "background", "precedents", "why_it_matters"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "is_featured",
                    "substantive_update",
                    "updated_at",
                    "update_note",
                ]
            },
        ),
        ("Discussion", {"fields": ["comments_closed", "comment_count"]}),
        ("Related Coverage", {"fields": ["related_automatic"]}),
    ]

    @admin.display(description="Old addresses")
    def old_addresses(self, article):
        """Where the article was before a slug or category change; each redirects here."""
        paths = [str(address) for address in article.old_addresses.all()] if article.pk else []
        if not paths:
            return "None: the article has always been at this address."
        return format_html_join(", ", "<code>{}</code>", ((path,) for path in paths))

    @admin.display(description="Status", ordering="status")
    def status_label(self, article):
        if article.is_scheduled():
            return format_html('<span title="{}">Scheduled</span>', article.published_at)
        return article.get_status_display()

    def save_model(self, request, obj, form, change):
        # Saved with its inlines by services.article_save, in save_related.
        if form.stamp_update or ("updated_at" in form.changed_data and obj.updated_at):
            # The note of a substantive update belongs to the revision this save keeps.
            request.article_update_note = obj.update_note

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # shown again: the form or an inline has an error
            context["adminform"].form.keep_hero_image()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        services.article_save(
            article=form.instance,
            save_related=lambda: super(ArticleAdmin, self).save_related(
                request, form, formsets, change
            ),
            stamp_update=form.stamp_update,
            hero_image_changed="hero_image" in form.changed_data,
        )
        form.let_go_of_kept_hero_image()

    def delete_model(self, request, obj):
        services.article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        note = getattr(request, "article_update_note", None)
        if note and reversion.is_active():
            reversion.set_comment(f"Substantive update: {note} ({entry.get_change_message()})")
        return entry

    def get_urls(self):
        changes = self.admin_site.admin_view(self.revision_changes_view)
        return [
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                changes,
                name="articles_article_revision_changes",
            ),
            *super().get_urls(),
        ]

    # django-reversion shows a revision by restoring it in a transaction it then rolls back,
    # and asks for permission only inside: refuse first, so a refused request writes nothing.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        view = super().revision_view
        return self.media_storage_failure_shown(view, request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        view = super().recover_view
        return self.media_storage_failure_shown(view, request, version_id, extra_context)

    def revision_changes_view(self, request, object_id, version_id):
        """What a revision changed from the one before it, field by field."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=unquote(object_id))
        versions = list(revisions.versions_of(article.pk))
        position = next((i for i, v in enumerate(versions) if v.pk == version_id), None)
        if position is None:
            raise Http404("No such revision of this article.")
        version = versions[position]
        previous = versions[position + 1] if position + 1 < len(versions) else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"What changed: {version.revision.date_created:%d %B %Y, %H:%M}",
            "article": article,
            "version": version,
            "previous": previous,
            "changes": revisions.changes(version, previous),
            "restore_url": reverse(
                "admin:articles_article_revision", args=[article.pk, version.pk]
            ),
        }
        return TemplateResponse(request, "admin/articles/article/revision_changes.html", context)

    @admin.action(description="Publish now", permissions=["change"])
    def publish_now(self, request, queryset):
        published, refused = 0, []
        for article in queryset:
            try:
                with transaction.atomic():
                    services.article_publish(article=article)
                published += 1
            except ValidationError as error:
                refused.append(f"“{article}”: {' '.join(error.messages)}")
        if published:
            reversion.set_comment("Published from the list of articles.")
            self.message_user(request, f"Published {published} article(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not published — {reason}", messages.ERROR)

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        for article in queryset:
            services.article_unpublish(article=article)
        reversion.set_comment("Unpublished from the list of articles.")
        self.message_user(request, f"Unpublished {len(queryset)} article(s).", messages.SUCCESS)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title", "body"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []

    def save_model(self, request, obj, form, change):
        services.page_save(page=obj)

    def delete_model(self, request, obj):
        services.page_delete(page=obj)

    def delete_queryset(self, request, queryset):
        for page in queryset:
            services.page_delete(page=page)
