from django.contrib import admin, messages
from django.db import models, transaction

from predictions import services
from predictions.models import Forecast, Prediction, ProbabilityUpdate


class ProbabilityUpdateInline(admin.TabularInline):
    """The newsroom's history: new rows can be added, published ones never change."""

    model = ProbabilityUpdate
    extra = 0
    fields = ["created_at", "probability", "rationale", "article"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["article"]
    verbose_name = "probability update"
    verbose_name_plural = "probability history (append-only: add a new update to change it)"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        if obj is not None and (obj.is_resolved or obj.is_annulled):
            return False
        return super().has_add_permission(request, obj)


@admin.register(Prediction)
class PredictionAdmin(admin.ModelAdmin):
    list_display = [
        "claim",
        "category",
        "status",
        "current",
        "forecaster_count",
        "closes_at",
        "resolved_at",
        "brier_at_close",
    ]
    list_filter = ["status", "category", "closes_at", "resolved_at"]
    list_select_related = ["category"]
    search_fields = ["claim", "slug", "resolution_criteria"]
    prepopulated_fields = {"slug": ["claim"]}
    filter_horizontal = ["articles"]
    date_hierarchy = "closes_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ProbabilityUpdateInline]
    readonly_fields = [
        "status",
        "resolved_at",
        "outcome",
        "final_probability",
        "brier_at_close",
        "brier_time_averaged",
        "log_score_at_close",
        "community_probability",
        "forecaster_count",
    ]
    fieldsets = [
        (None, {"fields": ["claim", "slug", "category", "resolution_criteria", "articles"]}),
        ("Schedule", {"fields": ["opened_at", "closes_at", "resolve_by"]}),
        (
            "Resolution",
            {
                "description": "Write the note and source, save, then use the actions in the "
                "prediction list to resolve, annul or un-resolve.",
                "fields": ["status", "resolved_at", "resolution_note", "resolution_source"],
            },
        ),
        (
            "Scores (stored at resolution)",
            {
                "classes": ["collapse"],
                "fields": [
                    "outcome",
                    "final_probability",
                    "brier_at_close",
                    "brier_time_averaged",
                    "log_score_at_close",
                    "community_probability",
                    "forecaster_count",
                ],
            },
        ),
    ]
    actions = ["resolve_yes", "resolve_no", "annul", "unresolve", "close_now"]

    @admin.display(description="Now", ordering="current_probability")
    def current(self, obj):
        return "—" if obj.current_probability is None else f"{obj.current_probability} %"

    def save_model(self, request, obj, form, change):
        pass  # saved with the articles it informs by services.prediction_save, below

    def save_related(self, request, form, formsets, change):
        services.prediction_save(
            prediction=form.instance,
            save_related=lambda: super(PredictionAdmin, self).save_related(
                request, form, formsets, change
            ),
        )

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        slug = obj.slug
        transaction.on_commit(lambda: services.newsroom_changed(slug, scores=True))

    def delete_queryset(self, request, queryset):
        slugs = list(queryset.values_list("slug", flat=True))
        super().delete_queryset(request, queryset)
        transaction.on_commit(lambda: services.newsroom_changed(*slugs, scores=True))

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProbabilityUpdate:
            return super().save_formset(request, form, formset, change)
        # New updates go through the service, which refuses them on a settled prediction.
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form.instance.pk:
                continue
            data = inline_form.cleaned_data
            try:
                services.probability_update_add(
                    prediction=form.instance,
                    probability=data["probability"],
                    rationale=data["rationale"],
                    article=data.get("article"),
                )
            except services.PredictionError as error:
                self.message_user(request, str(error), messages.ERROR)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _apply(self, request, queryset, verb, call):
        done = 0
        for prediction in queryset:
            try:
                call(prediction)
            except services.PredictionError as error:
                self.message_user(request, f"“{prediction}”: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"{verb} {done} prediction(s).", messages.SUCCESS)

    @admin.action(description="Resolve YES and score", permissions=["change"])
    def resolve_yes(self, request, queryset):
        self._apply(
            request,
            queryset,
            "Resolved yes:",
            lambda p: services.prediction_resolve(prediction=p, outcome=True),
        )

    @admin.action(description="Resolve NO and score", permissions=["change"])
    def resolve_no(self, request, queryset):
        self._apply(
            request,
            queryset,
            "Resolved no:",
            lambda p: services.prediction_resolve(prediction=p, outcome=False),
        )

    @admin.action(description="Annul (never scored, disclosed)", permissions=["change"])
    def annul(self, request, queryset):
        self._apply(
            request, queryset, "Annulled", lambda p: services.prediction_annul(prediction=p)
        )

    @admin.action(description="Un-resolve and clear scores", permissions=["change"])
    def unresolve(self, request, queryset):
        self._apply(
            request,
            queryset,
            "Un-resolved",
            lambda p: services.prediction_unresolve(prediction=p),
        )

    @admin.action(description="Close to forecasts now", permissions=["change"])
    def close_now(self, request, queryset):
        self._apply(request, queryset, "Closed", lambda p: services.prediction_close(prediction=p))


@admin.register(Forecast)
class ForecastAdmin(admin.ModelAdmin):
    """Readers' forecasts, for looking into; they are never edited here."""

    list_display = ["prediction", "reader", "probability", "created_at", "is_current"]
    list_filter = ["is_current", "created_at"]
    list_select_related = ["prediction", "reader"]
    search_fields = ["prediction__claim", "reader__email", "reader__display_name"]
    raw_id_fields = ["prediction", "reader"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
