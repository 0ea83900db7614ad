from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html, format_html_join

from articles import services
from articles.forms import (
    ArticleAdminForm,
    AuthorAdminForm,
    FAQFormSet,
    RelatedArticleFormSet,
    ScenarioFormSet,
    TimelineEventForm,
    TimelineFormSet,
)
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


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "description", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        old_slug = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        if old_slug:
            services.category_keep_address(category=obj, slug=old_slug)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ScenarioInline(admin.StackedInline):
    model = Scenario
    formset = ScenarioFormSet
    extra = 0
    fields = ["order", "title", "probability", "analysis"]


class TimelineEventInline(admin.TabularInline):
    model = TimelineEvent
    form = TimelineEventForm
    formset = TimelineFormSet
    extra = 0


class FAQItemInline(admin.StackedInline):
    model = FAQItem
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
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
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
        before = None
        if change:
            addresses = Article.objects.filter(pk=obj.pk).values_list("category__slug", "slug")
            before = addresses.first()
        super().save_model(request, obj, form, change)
        if before:
            services.article_keep_address(article=obj, category_slug=before[0], slug=before[1])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # shown again: the form or an inline has an error
            context["adminform"].form.keep_hero_image()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if "hero_image" in form.changed_data:
            services.article_set_hero_image(article=article)
        form.let_go_of_kept_hero_image()
        services.article_index_for_search(article_ids=[article.pk])

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
            self.message_user(request, f"Published {published} article(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not published — {reason}", messages.ERROR)

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        for article in queryset:
            services.article_unpublish(article=article)
        self.message_user(request, f"Unpublished {len(queryset)} article(s).", messages.SUCCESS)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    fields = ["slug", "title", "body"]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []
