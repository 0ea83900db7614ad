"""Readers' scores, stored when a prediction resolves, and the running records they add up to."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum

from predictions.models.expressions import calibration_bin, right_side, yes_count
from predictions.models.prediction import Prediction

# Readers need this many resolved predictions to appear on the leaderboard.
LEADERBOARD_MINIMUM = 5


class ReaderScoreQuerySet(models.QuerySet):
    def score_groups(self):
        """Sums of the scores per 10-point bin of the final forecast, in one query."""
        return (
            self.annotate(bin=calibration_bin())
            .values("bin")
            .annotate(
                count=Count("pk"),
                brier=Sum("brier"),
                log=Sum("log_score"),
                newsroom_brier=Sum("newsroom_brier"),
                right=Sum(right_side()),
                forecast=Sum("final_probability"),
                yes=yes_count(),
            )
            .order_by("bin")
        )


class ReaderScore(models.Model):
    """A reader's score on one resolved prediction, stored at resolution."""

    prediction = models.ForeignKey(
        Prediction, on_delete=models.CASCADE, related_name="reader_scores"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prediction_scores"
    )
    final_probability = models.PositiveSmallIntegerField()
    outcome = models.BooleanField()
    brier = models.FloatField(help_text="Time-averaged over the reader's forecasting window.")
    log_score = models.FloatField(help_text="Time-averaged baseline log score.")
    newsroom_brier = models.FloatField(
        help_text="The newsroom's time-averaged Brier over the same window."
    )
    coverage = models.FloatField(help_text="Share of the question's open life forecast.")

    objects = ReaderScoreQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prediction", "reader"], name="score_once_per_reader"),
            models.CheckConstraint(
                condition=Q(final_probability__gte=1) & Q(final_probability__lte=99),
                name="score_probability_range",
            ),
        ]

    def __str__(self):
        return f"{self.reader} on {self.prediction}: Brier {self.brier:.3f}"


class ReaderRecordQuerySet(models.QuerySet):
    def leaderboard(self, minimum=LEADERBOARD_MINIMUM):
        """Readers with enough resolved predictions, best mean Brier first, with their names."""
        return (
            self.filter(scored__gte=minimum)
            .select_related("reader")
            .order_by("mean_brier", "-scored", "reader_id")
        )


class ReaderRecord(models.Model):
    """A reader's running totals over their scored predictions, kept by resolution.

    The leaderboard reads these instead of grouping every stored score on each request;
    `records.reader_records_rebuild()` recomputes them from the scores.
    """

    reader = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="forecast_record",
    )
    scored = models.PositiveIntegerField(default=0)
    brier_sum = models.FloatField(default=0)
    log_score_sum = models.FloatField(default=0)
    newsroom_brier_sum = models.FloatField(default=0)
    coverage_sum = models.FloatField(default=0)
    mean_brier = models.FloatField(null=True, blank=True)

    objects = ReaderRecordQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["mean_brier", "-scored", "reader"],
                condition=Q(scored__gte=LEADERBOARD_MINIMUM),
                name="record_rank_idx",
            )
        ]

    def __str__(self):
        return f"{self.reader}: {self.scored} scored"

    def _mean(self, total):
        return total / self.scored if self.scored else None

    @property
    def mean_log(self):
        return self._mean(self.log_score_sum)

    @property
    def newsroom_brier(self):
        return self._mean(self.newsroom_brier_sum)

    @property
    def mean_coverage(self):
        return self._mean(self.coverage_sum)

    @property
    def beats_newsroom(self):
        return self.scored > 0 and self.brier_sum < self.newsroom_brier_sum
