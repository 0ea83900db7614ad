import csv

from django.contrib import admin, messages
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.html import format_html

from newsletter import issuing, sending
from newsletter.models import Delivery, DigestIssue, Notice, Subscriber

# Spreadsheet programs run cells that start with these as formulas.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


class NoticeInline(admin.TabularInline):
    model = Notice
    extra = 0
    can_delete = False
    fields = ["kind", "created_at", "sent_at", "attempts", "next_attempt_at", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "frequency", "category_names", "consent_at", "created_at"]
    list_filter = ["status", "frequency", "categories", "consent_at"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "requested_at",
        "requested_ip",
        "consent_at",
        "consent_ip",
        "unsubscribed_at",
        "hard_bounces",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["categories"]
    inlines = [NoticeInline]
    actions = ["export_csv"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_admin()

    @admin.display(description="Categories")
    def category_names(self, subscriber):
        return ", ".join(category.name for category in subscriber.categories.all())

    @admin.action(description="Export selected subscribers as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        header = [
            "email",
            "status",
            "frequency",
            "categories",
            "consent_at",
            "consent_ip",
            "requested_at",
            "unsubscribed_at",
            "created_at",
        ]

        def rows():
            yield header
            for subscriber in queryset.for_admin().order_by("pk").iterator(chunk_size=2000):
                yield [
                    _cell(value)
                    for value in (
                        subscriber.email,
                        subscriber.status,
                        subscriber.frequency,
                        " ".join(category.slug for category in subscriber.categories.all()),
                        subscriber.consent_at and subscriber.consent_at.isoformat(),
                        subscriber.consent_ip,
                        subscriber.requested_at and subscriber.requested_at.isoformat(),
                        subscriber.unsubscribed_at and subscriber.unsubscribed_at.isoformat(),
                        subscriber.created_at.isoformat(),
                    )
                ]

        writer = csv.writer(_Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows()), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
        return response


@admin.register(DigestIssue)
class DigestIssueAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "status",
        "subject",
        "recipients",
        "queued",
        "sent",
        "failed",
        "progress",
        "created_at",
    ]
    list_filter = ["frequency", "status"]
    search_fields = ["subject", "run_key"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "frequency",
        "run_key",
        "status",
        "window_start",
        "window_end",
        "subject",
        "recipients",
        "chunk_count",
        "created_at",
        "last_progress_at",
        "completed_at",
        "queued",
        "sent",
        "failed",
        "progress",
    ]
    exclude = ["articles"]
    actions = ["send_test", "retry_failed"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def has_add_permission(self, request):
        return False  # issues are made by the schedule or `send_digests`

    @admin.display(description="Queued", ordering="queued_count")
    def queued(self, issue):
        return issue.queued_count

    @admin.display(description="Sent", ordering="sent_count")
    def sent(self, issue):
        return issue.sent_count

    @admin.display(description="Failed", ordering="failed_count")
    def failed(self, issue):
        return issue.failed_count

    @admin.display(description="Progress")
    def progress(self, issue):
        done = issue.sent_count + issue.failed_count + issue.skipped_count
        total = max(issue.recipients, done, 1)
        return format_html(
            '<progress value="{}" max="{}" aria-label="{} of {} settled">{}%</progress>',
            done,
            total,
            done,
            total,
            round(100 * done / total),
        )

    @admin.action(description="Send a test of the selected issues to me", permissions=["view"])
    def send_test(self, request, queryset):
        if not request.user.email:
            self.message_user(request, "Your account has no email address.", messages.ERROR)
            return
        for issue in queryset:
            sending.issue_send_test(issue=issue, email=request.user.email)
        self.message_user(
            request, f"Sent {queryset.count()} test email(s) to {request.user.email}."
        )

    @admin.action(description="Retry failed deliveries", permissions=["change"])
    def retry_failed(self, request, queryset):
        count = sum(issuing.issue_retry_failed(issue=issue) for issue in queryset)
        self.message_user(request, f"Queued {count} failed deliveries again.")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "state", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "issue__frequency"]
    search_fields = ["subscriber__email", "message_id"]
    list_select_related = ["issue", "subscriber"]
    raw_id_fields = ["issue", "subscriber"]
    readonly_fields = [
        "issue",
        "subscriber",
        "chunk",
        "category_ids",
        "state",
        "attempts",
        "next_attempt_at",
        "leased_until",
        "lease_owner",
        "last_error",
        "message_id",
        "sent_at",
    ]

    def has_add_permission(self, request):
        return False
