"""Predictions: the questions, their query vocabulary and the newsroom's probability history."""

import datetime

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from articles.models import Article
from pagecache.reversing import cached_reverse
from predictions.models.expressions import (
    PROBABILITY_RANGE,
    calibration_bin,
    right_side,
    yes_count,
)

CHANGE_WINDOW = datetime.timedelta(days=7)
MISSES_SHOWN = 10
# The community forecast is shown only once this many readers have forecast.
COMMUNITY_MINIMUM = 5


class PredictionQuerySet(models.QuerySet):
    def open(self, now=None):
        """Predictions taking forecasts now (or at `now`)."""
        now = timezone.now() if now is None else now
        return self.filter(status=Prediction.Status.OPEN, closes_at__gt=now)

    def closed(self):
        """Predictions past their close (or closed early), awaiting resolution."""
        return self.filter(
            Q(status=Prediction.Status.CLOSED)
            | Q(status=Prediction.Status.OPEN, closes_at__lte=timezone.now())
        )

    def resolved(self):
        """Predictions resolved yes or no, and so scored."""
        return self.filter(status__in=Prediction.RESOLVED_STATUSES)

    def annulled(self):
        """Predictions annulled: never scored, always disclosed."""
        return self.filter(status=Prediction.Status.ANNULLED)

    def with_status(self, name):
        """Filter by a public status name: open, closed, resolved or annulled."""
        return {
            "open": self.open,
            "closed": self.closed,
            "resolved": self.resolved,
            "annulled": self.annulled,
        }.get(name, self.all)()

    def with_change(self, *, now=None):
        """Annotate `previous_probability`, standing 7 days ago (else the first), for the change."""
        since = (now or timezone.now()) - CHANGE_WINDOW
        updates = ProbabilityUpdate.objects.filter(prediction=OuterRef("pk"))
        then = updates.filter(created_at__lte=since).order_by("-created_at", "-pk")
        first = updates.order_by("created_at", "pk")
        return self.annotate(
            previous_probability=Coalesce(
                Subquery(then.values("probability")[:1]), Subquery(first.values("probability")[:1])
            )
        )

    def score_groups(self):
        """Sums of the stored scores per status, category, year and calibration bin, in one query.

        A few hundred rows at most, whatever the number of predictions: the track record
        adds them up into its totals, tables and calibration bins.
        """
        settled = [*Prediction.RESOLVED_STATUSES, Prediction.Status.ANNULLED]
        return (
            self.filter(status__in=settled)
            .annotate(year=ExtractYear("resolved_at"), bin=calibration_bin())
            .values("status", "category__name", "category__slug", "category__order", "year", "bin")
            .annotate(
                count=Count("pk"),
                brier=Sum("brier_at_close"),
                brier_time_averaged=Sum("brier_time_averaged"),
                log=Sum("log_score_at_close"),
                right=Sum(right_side()),
                forecast=Sum("final_probability"),
                yes=yes_count(),
            )
            .order_by()
        )

    def biggest_misses(self, limit=MISSES_SHOWN):
        """The resolved predictions with the worst Brier score at close."""
        return (
            self.resolved()
            .select_related("category")
            .order_by("-brier_at_close", "-resolved_at", "pk")[:limit]
        )

    def for_cards(self):
        """Everything a prediction card shows: category, probabilities, change, first article."""
        articles = Article.objects.published().select_related("category").order_by("published_at")
        return (
            self.select_related("category")
            .with_change()
            .prefetch_related(Prefetch("articles", queryset=articles, to_attr="published_articles"))
        )

    def for_article(self, article):
        """The predictions an article informs, with their category, in one query."""
        return (
            self.filter(articles=article)
            .exclude(status=Prediction.Status.ANNULLED)
            .select_related("category")
            .order_by("closes_at", "pk")
        )

    def for_home(self, limit=4, now=None):
        """The open predictions closing soonest, with their category, in one query."""
        return self.open(now).select_related("category").order_by("closes_at", "pk")[:limit]


class Prediction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        RESOLVED_YES = "yes", "Resolved yes"
        RESOLVED_NO = "no", "Resolved no"
        ANNULLED = "annulled", "Annulled"

    RESOLVED_STATUSES = (Status.RESOLVED_YES, Status.RESOLVED_NO)

    claim = models.CharField(
        max_length=250, help_text="A yes/no question, e.g. “Will the Fed cut rates in June?”"
    )
    slug = models.SlugField(max_length=120, unique=True)
    category = models.ForeignKey(
        "articles.Category", on_delete=models.PROTECT, related_name="predictions"
    )
    articles = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="predictions",
        help_text="Articles that inform this prediction; each shows it in its forecast box.",
    )
    resolution_criteria = models.TextField(
        help_text="Exactly what counts as yes and as no, and which source decides."
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField(
        help_text="No forecasts after this; scores use the probability standing then."
    )
    resolve_by = models.DateField(help_text="When we expect to know the answer.")
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(
        blank=True, help_text="Public explanation of the resolution or annulment."
    )
    resolution_source = models.URLField(blank=True, help_text="Link to the deciding source.")

    # Stored at resolution so that pages aggregate in SQL; cleared by un-resolving.
    outcome = models.BooleanField(null=True, editable=False)
    final_probability = models.PositiveSmallIntegerField(
        null=True, editable=False, help_text="Newsroom probability standing at the close."
    )
    brier_at_close = models.FloatField(null=True, editable=False)
    brier_time_averaged = models.FloatField(null=True, editable=False)
    log_score_at_close = models.FloatField(null=True, editable=False)

    # The newsroom's latest probability, kept by the service that appends an update
    # (`probability_update_add`), so that lists show it without reading the history.
    current_probability = models.PositiveSmallIntegerField(
        null=True, editable=False, help_text="The newsroom's latest probability."
    )
    # Kept up to date by each reader forecast.
    community_probability = models.FloatField(null=True, editable=False)
    forecaster_count = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    search_document = SearchVectorField(null=True, editable=False)

    objects = PredictionQuerySet.as_manager()

    class Meta:
        ordering = ["closes_at", "pk"]
        get_latest_by = "opened_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(final_probability__isnull=True)
                | (Q(final_probability__gte=1) & Q(final_probability__lte=99)),
                name="prediction_final_probability_range",
            ),
            models.CheckConstraint(
                condition=Q(current_probability__isnull=True)
                | (Q(current_probability__gte=1) & Q(current_probability__lte=99)),
                name="prediction_current_probability_range",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opened_at")), name="prediction_closes_after_opening"
            ),
            # A resolved prediction carries its scores; any other carries none.
            models.CheckConstraint(
                condition=(
                    Q(
                        status__in=["yes", "no"],
                        resolved_at__isnull=False,
                        outcome__isnull=False,
                        final_probability__isnull=False,
                        brier_at_close__isnull=False,
                    )
                    | Q(
                        ~Q(status__in=["yes", "no"]),
                        outcome__isnull=True,
                        final_probability__isnull=True,
                        brier_at_close__isnull=True,
                        brier_time_averaged__isnull=True,
                        log_score_at_close__isnull=True,
                    )
                ),
                name="prediction_scores_iff_resolved",
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True)
                | Q(status="yes", outcome=True)
                | Q(status="no", outcome=False),
                name="prediction_outcome_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "closes_at"], name="prediction_status_idx"),
            models.Index(fields=["category", "status", "closes_at"], name="prediction_cat_idx"),
            models.Index(fields=["status", "resolved_at"], name="prediction_resolved_idx"),
            GinIndex(fields=["search_document"], name="prediction_search_idx"),
        ]

    def __str__(self):
        return self.claim

    def get_absolute_url(self):
        return cached_reverse("predictions:detail", self.slug)

    @property
    def is_resolved(self):
        return self.status in self.RESOLVED_STATUSES

    @property
    def is_annulled(self):
        return self.status == self.Status.ANNULLED

    def is_open(self, now=None):
        """Whether readers may forecast now."""
        return self.status == self.Status.OPEN and self.closes_at > (now or timezone.now())

    @property
    def public_status(self):
        """The status readers see: an open prediction past its close shows as closed."""
        if self.status == self.Status.OPEN and self.closes_at <= timezone.now():
            return self.Status.CLOSED
        return self.Status(self.status)

    @property
    def scoring_end(self):
        """When scoring stops: the close, or an earlier resolution."""
        if self.resolved_at and self.resolved_at < self.closes_at:
            return self.resolved_at
        return self.closes_at

    @property
    def change(self):
        """Points moved over the change window (needs `with_change()`), or None."""
        previous = getattr(self, "previous_probability", None)
        if self.current_probability is None or previous is None:
            return None
        return self.current_probability - previous

    @property
    def community_percent(self):
        """The community forecast rounded to a whole percent, once enough readers forecast."""
        if self.community_probability is None or self.forecaster_count < COMMUNITY_MINIMUM:
            return None
        return round(self.community_probability)

    @property
    def brier_skill(self):
        if self.brier_at_close is None:
            return None
        return 1 - self.brier_at_close / 0.25


class ProbabilityUpdateQuerySet(models.QuerySet):
    def for_log(self):
        """Updates, each with the article that moved it as `public_article` if it is public."""
        public = Article.objects.published().select_related("category")
        return self.prefetch_related(Prefetch("article", queryset=public, to_attr="public_article"))


class ProbabilityUpdate(models.Model):
    """One step of the newsroom's forecast history: append-only."""

    prediction = models.ForeignKey(
        Prediction, on_delete=models.CASCADE, related_name="probability_updates"
    )
    probability = models.PositiveSmallIntegerField(help_text="Whole percent, 1–99.")
    rationale = models.CharField(max_length=500, help_text="Why the probability moved, briefly.")
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="probability_updates",
        help_text="The article that moved it, if any.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ProbabilityUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(condition=PROBABILITY_RANGE, name="update_probability_range")
        ]
        indexes = [
            models.Index(fields=["prediction", "-created_at"], name="update_latest_idx"),
        ]

    def __str__(self):
        return f"{self.probability} % on {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # The history is an audit trail: a published probability is never rewritten.
        if not self._state.adding:
            raise ValueError("Probability updates are append-only; add a new one instead.")
        super().save(*args, **kwargs)
