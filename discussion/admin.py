from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.template.defaultfilters import truncatechars

from accounts.admin import UserAdmin
from accounts.models import User
from discussion import services
from discussion.models import Ban, Comment, ModerationQueueItem, Report

# Readers in the admin, as accounts shows them, with whether each is banned and an action to
# ban them: accounts, below the discussion, knows nothing of bans.
admin.site.unregister(User)


@admin.register(User)
class ReaderAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display[:-1], "is_banned", UserAdmin.list_display[-1]]
    actions = ["ban_from_commenting"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(banned=Exists(Ban.objects.filter(user=OuterRef("pk"))))
        )

    @admin.display(boolean=True, description="banned", ordering="banned")
    def is_banned(self, user):
        return user.banned

    @admin.action(description="Ban from commenting (hides their comments)", permissions=["ban"])
    def ban_from_commenting(self, request, queryset):
        for user in queryset:
            services.reader_ban(user=user, by=request.user)
        self.message_user(request, f"Banned {len(queryset)} reader(s) from commenting.")

    def has_ban_permission(self, request):
        return request.user.has_perm("discussion.add_ban")


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ["reporter", "reason", "trusted", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class BaseCommentAdmin(admin.ModelAdmin):
    """Comments as editors moderate them: readers' words are read-only here."""

    list_display = ["excerpt", "author", "article", "status", "report_count", "created_at"]
    list_filter = ["status", "needs_review", "created_at"]
    list_select_related = ["author", "article"]
    search_fields = ["body", "author__email", "author__display_name", "article__title"]
    date_hierarchy = "created_at"
    inlines = [ReportInline]
    fields = [
        "article",
        "author",
        "parent",
        "body",
        "status",
        "report_count",
        "needs_review",
        "reviewed_at",
        "created_at",
        "edited_at",
    ]
    readonly_fields = fields
    actions = ["approve", "hide", "remove", "ban_authors"]

    @admin.display(description="comment")
    def excerpt(self, comment):
        return truncatechars(comment.body, 80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Editors act through the actions; the form itself is for reading.
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting rows would break reply threads and the article's count; use “Remove”.
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("discussion.moderate_comment")

    def has_ban_permission(self, request):
        return request.user.has_perm("discussion.add_ban")

    @admin.action(description="Approve: show again and clear reports", permissions=["moderate"])
    def approve(self, request, queryset):
        count = services.comments_approve(comments=queryset)
        self.message_user(request, f"Approved {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Hide from readers", permissions=["moderate"])
    def hide(self, request, queryset):
        count = services.comments_hide(comments=queryset)
        self.message_user(request, f"Hid {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Delete (shown as “[comment removed]”)", permissions=["moderate"])
    def remove(self, request, queryset):
        count = services.comments_remove(comments=queryset)
        self.message_user(request, f"Removed {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Ban the authors from commenting", permissions=["ban"])
    def ban_authors(self, request, queryset):
        authors = User.objects.filter(pk__in=queryset.values("author")).distinct()
        for author in authors:
            services.reader_ban(user=author, by=request.user, reason="Banned from the comments.")
        self.message_user(
            request,
            f"Banned {len(authors)} reader(s); their comments are hidden.",
            messages.SUCCESS,
        )


@admin.register(Comment)
class CommentAdmin(BaseCommentAdmin):
    pass


@admin.register(ModerationQueueItem)
class ModerationQueueAdmin(BaseCommentAdmin):
    """Reported and hidden comments, oldest first, until an editor approves or removes them."""

    list_display = [
        "excerpt",
        "author",
        "article",
        "status",
        "report_count",
        "needs_review",
        "created_at",
    ]
    ordering = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting_moderation()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or request.user.has_perm(
            "discussion.view_comment"
        )


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = ["user", "reason", "banned_by", "created_at"]
    list_select_related = ["user", "banned_by"]
    search_fields = ["user__email", "user__display_name", "reason"]
    autocomplete_fields = ["user"]
    readonly_fields = ["banned_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # The service also hides the reader's comments.
            banned = services.reader_ban(user=obj.user, by=request.user, reason=obj.reason)
            obj.pk = banned.pk

    def delete_model(self, request, obj):
        services.reader_unban(user=obj.user)

    def delete_queryset(self, request, queryset):
        for ban in queryset.select_related("user"):
            services.reader_unban(user=ban.user)
