"""Subscribers, the confirmation outbox, digest issues and one delivery row per recipient."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Category
from newsletter.mailboxes import canonical_mailbox

# The order of a digest's stories: the featured ones first, then the newest.
DIGEST_ORDER = ["-is_featured", "-published_at", "-pk"]


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscribers who confirmed their address and may receive digests."""
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def for_frequency(self, frequency):
        """Subscribers who chose this digest frequency."""
        return self.filter(frequency=frequency)

    def for_admin(self):
        """Subscribers with their categories, for lists and exports."""
        return self.prefetch_related("categories")

    def never_confirmed(self):
        """Subscribe requests waiting for a confirmation from an address that never gave one."""
        return self.filter(status=Subscriber.Status.PENDING, consent_at__isnull=True)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        SUSPENDED = "suspended", "Suspended (bouncing)"

    # Stored lower-cased: one row per mailbox, whatever case the form was typed in.
    email = models.EmailField(max_length=254, unique=True)
    # The inbox the address reaches, whatever its spelling (see newsletter.mailboxes): the
    # per-mailbox notice throttle counts under it.
    mailbox = models.CharField(max_length=254, db_index=True, editable=False)
    # Deleting an account deletes the subscription made from it: the privacy policy
    # promises that deleting an account removes the reader's personal data.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletter_subscriptions",
        help_text="The reader's account, when they subscribed from their settings.",
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    frequency = models.CharField(max_length=6, choices=Frequency, default=Frequency.DAILY)
    categories = models.ManyToManyField(Category, blank=True, related_name="+")

    requested_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Last subscribe request; its confirmation link is bound to it.",
    )
    requested_ip = models.GenericIPAddressField("request IP", null=True, blank=True)
    consent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the reader confirmed: their consent."
    )
    consent_ip = models.GenericIPAddressField("consent IP", null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    hard_bounces = models.PositiveSmallIntegerField(
        default=0,
        help_text="Permanent refusals by the reader's mail server; enough suspend sending.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="subscriber_email_lower"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "frequency"], name="subscriber_audience_idx"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.mailbox = canonical_mailbox(self.email)
        if kwargs.get("update_fields") is not None and "email" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "mailbox"}
        super().save(*args, **kwargs)

    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED


class NoticeQuerySet(models.QuerySet):
    def due(self, now):
        """Unsent emails whose retry delay, if any, has passed."""
        return self.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), sent_at__isnull=True
        )

    def settled_before(self, cutoff):
        """Emails sent before `cutoff`, or given up on and queued before it."""
        given_up = Q(
            sent_at__isnull=True,
            attempts__gte=settings.NEWSLETTER_OUTBOX_MAX_ATTEMPTS,
            created_at__lt=cutoff,
        )
        return self.filter(Q(sent_at__lt=cutoff) | given_up)


class Notice(models.Model):
    """An email that must go out, written with the request that calls for it: the outbox.

    It survives a broker outage and an SMTP server that is down. The newsletter's notices
    are built from their subscriber when they are sent; account emails (verification,
    password reset, allauth's notifications) and an editor's test digests are rendered in
    the request and kept in `message` until they are sent. Other apps' emails to a reader
    about one of their rows (`about_id`) are built when they are sent by the builder the
    app registers (`newsletter.emails.register_notice_builder`), so they say what is true
    then: a prediction's resolution email, for one.
    """

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirmation request"
        ALREADY_SUBSCRIBED = "already", "Already subscribed"
        WELCOME = "welcome", "Welcome"
        ACCOUNT = "account", "Account email"
        TEST = "test", "Test digest"
        RESOLVED = "resolved", "Prediction resolved"

    # Emails rendered when they are queued and kept in `message` until they are sent: account
    # emails, and the tests of a digest an editor sends to themselves.
    KEPT = [Kind.ACCOUNT, Kind.TEST]
    # Emails to a reader about a row of another app, built by that app when they are sent.
    BUILT = [Kind.RESOLVED]

    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The reader an account email is about, when the address has an account; "
        "the editor a test digest goes to.",
    )
    kind = models.CharField(max_length=8, choices=Kind)
    about_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="What a reader's email is about: the prediction a resolution email is for.",
    )
    # Subject, sender, recipients, headers and bodies of a kept email. An account email's
    # bodies hold one-time links (verification, password reset): dropped once it is sent.
    message = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                # Kept emails (KEPT) name their recipients; built ones (BUILT) go to a reader
                # and are about something; the others go to a subscriber.
                condition=(
                    Q(kind__in=["account", "test"], subscriber__isnull=True)
                    | Q(
                        kind__in=["resolved"],
                        subscriber__isnull=True,
                        user__isnull=False,
                        about_id__isnull=False,
                    )
                    | (~Q(kind__in=["account", "test", "resolved"]) & Q(subscriber__isnull=False))
                ),
                name="notice_has_its_recipient",
            ),
            models.UniqueConstraint(
                fields=["kind", "user", "about_id"],
                condition=Q(about_id__isnull=False),
                name="notice_once_per_reader_and_row",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="notice_unsent_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}"

    @property
    def recipient(self) -> str:
        if self.kind in self.KEPT:
            return ", ".join(self.message.get("to", []))
        if self.kind in self.BUILT:
            return self.user.email
        return self.subscriber.email


class DigestIssueQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate queued, sent, failed and skipped delivery counts in one query."""
        deliveries = Delivery.State
        return self.annotate(
            queued_count=models.Count("deliveries", filter=Q(deliveries__state=deliveries.QUEUED)),
            sent_count=models.Count("deliveries", filter=Q(deliveries__state=deliveries.SENT)),
            failed_count=models.Count("deliveries", filter=Q(deliveries__state=deliveries.FAILED)),
            skipped_count=models.Count(
                "deliveries", filter=Q(deliveries__state=deliveries.SKIPPED)
            ),
        )

    def sending(self):
        """Issues whose deliveries are not all settled yet."""
        return self.filter(status=DigestIssue.Status.SENDING)

    def archived(self):
        """Issues that went out to readers, newest first: the public archive."""
        return self.filter(recipients__gt=0).order_by("-window_end", "-pk")

    def for_archive(self):
        """Issues with their stories still published, in the order the digest gives them."""
        return self.prefetch_related(
            models.Prefetch(
                "articles",
                queryset=Article.objects.published()
                .select_related("category")
                .order_by(*DIGEST_ORDER),
                to_attr="archived_articles",
            )
        )


class DigestIssue(models.Model):
    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        DONE = "done", "Done"

    frequency = models.CharField(max_length=6, choices=Frequency)
    # One issue per frequency and run: "2026-06-12" (daily), "2026-W24" (weekly) or
    # "manual-…"; the unique constraint is what keeps two beat processes from sending twice.
    run_key = models.CharField(max_length=40)
    status = models.CharField(max_length=8, choices=Status, default=Status.SENDING)
    window_start = models.DateTimeField(help_text="Articles published after this time…")
    window_end = models.DateTimeField(help_text="…and up to this time are in the issue.")
    articles = models.ManyToManyField(Article, related_name="+")
    subject = models.CharField(max_length=250, help_text="Subject for a reader of every category.")
    recipients = models.PositiveIntegerField(default=0)
    chunk_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    last_progress_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = DigestIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        verbose_name = "digest issue"
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "run_key"], name="digest_issue_once_per_run"
            ),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} digest {self.run_key}"

    def get_absolute_url(self):
        return reverse("newsletter:issue", args=[self.frequency, self.run_key])

    def published_articles(self):
        """The issue's stories the public may still read, in the digest's order."""
        return list(self.articles.published().select_related("category").order_by(*DIGEST_ORDER))


class DeliveryQuerySet(models.QuerySet):
    def queued(self):
        """Deliveries not sent yet and not given up on."""
        return self.filter(state=Delivery.State.QUEUED)

    def due(self, now):
        """Deliveries whose retry delay, if any, has passed."""
        return self.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))

    def unleased(self, now):
        """Deliveries no live chunk run holds."""
        return self.filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))


class Delivery(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped (unsubscribed before sending)"

    issue = models.ForeignKey(DigestIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    chunk = models.PositiveIntegerField()
    # The issue's categories this subscriber gets, frozen with the recipients ("1,3"):
    # one rendering serves everyone with the same set.
    category_ids = models.CharField(max_length=200)
    state = models.CharField(max_length=7, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    lease_owner = models.UUIDField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="delivery_once_per_subscriber"
            ),
        ]
        # One index serves claiming a chunk's queued rows, counting an issue's rows by
        # state and finding what is still queued: each sent-mark updates every index.
        indexes = [
            models.Index(fields=["issue", "state", "chunk"], name="delivery_progress_idx"),
        ]

    def __str__(self):
        return f"{self.issue} to {self.subscriber_id}"
