import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods

from newsletter import issuing, previews, services
from newsletter.forms import DigestPreviewForm
from newsletter.models import Delivery, DigestIssue, Frequency, Notice, Subscriber

# The policy of an email's HTML shown in the digest preview's frame: its inline styles, images
# from anywhere an email may load them, no script, and framed by this site alone.
EMAIL_FRAME_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)

# Who a previewed digest is addressed to: nobody's address, as its links are nobody's links.
PREVIEW_RECIPIENT = "subscriber@example.com"

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
        queued = 0
        for issue in queryset:
            preview = previews.issue_preview(issue=issue)
            if not preview.articles:
                self.message_user(
                    request, f"{issue}: none of its articles exists any more.", messages.ERROR
                )
                continue
            message = preview.email(to=request.user.email)
            services.digest_test_queue(message=message, editor=request.user)
            queued += 1
        if queued:
            self.message_user(
                request, f"{queued} test email(s) on their way to {request.user.email}."
            )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("preview/", view(self.preview_view), name="newsletter_digestissue_preview"),
            path(
                "preview/email/",
                view(self.preview_email_view),
                name="newsletter_digestissue_preview_email",
            ),
            *super().get_urls(),
        ]

    def _preview(self, request, data):
        """The form and the preview it asks for (None: nothing to send, or the form is invalid)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = DigestPreviewForm(data or {"frequency": Frequency.DAILY})
        if not form.is_valid():
            return form, None
        preview = previews.next_issue_preview(
            frequency=form.cleaned_data["frequency"],
            category_key=form.cleaned_data["audience"] or None,
        )
        return form, preview

    @method_decorator(require_http_methods(["GET", "HEAD", "POST"]))
    def preview_view(self, request):
        """Show the next issue of a frequency as it stands; a POST sends it to oneself."""
        if request.method == "POST":
            return self._send_preview_test(request)
        form, preview = self._preview(request, request.GET)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Preview the next digest",
            "form": form,
            "preview": preview,
        }
        if preview is not None:
            context["message"] = preview.email(to=PREVIEW_RECIPIENT)
            context["query"] = urlencode(
                {"frequency": preview.issue.frequency, "audience": preview.category_key}
            )
        return TemplateResponse(
            request,
            "admin/newsletter/digestissue/preview.html",
            context,
            status=200 if form.is_valid() else 400,
        )

    def _send_preview_test(self, request):
        form, preview = self._preview(request, request.POST)
        if preview is None:
            self.message_user(request, "That digest has nothing to send.", messages.ERROR)
        elif not request.user.email:
            self.message_user(request, "Your account has no email address.", messages.ERROR)
        else:
            message = preview.email(to=request.user.email)
            services.digest_test_queue(message=message, editor=request.user)
            self.message_user(request, f"A test is on its way to {request.user.email}.")
        query = {name: request.POST.get(name, "") for name in form.fields}
        response = redirect(f"{reverse('admin:newsletter_digestissue_preview')}?{urlencode(query)}")
        response.status_code = 303
        return response

    @method_decorator(never_cache)
    @method_decorator(xframe_options_sameorigin)
    def preview_email_view(self, request):
        """The next issue's HTML as mail clients get it, for the preview page's frame."""
        form, preview = self._preview(request, request.GET)
        if not form.is_valid():
            return HttpResponse(form.errors.as_text(), content_type="text/plain", status=400)
        if preview is None:
            return HttpResponse("Nothing to preview.", content_type="text/plain", status=404)
        (html, _), *_ = preview.email(to=PREVIEW_RECIPIENT).alternatives
        # Links open in a tab of their own: the site's pages refuse to be framed.
        html = html.replace("<head>", '<head>\n<base target="_blank">', 1)
        response = HttpResponse(html)
        # An email's HTML is styled inline (no stylesheet reaches a mail client): this
        # document alone allows inline style, and nothing else of its own.
        response["Content-Security-Policy"] = EMAIL_FRAME_POLICY
        return response

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
