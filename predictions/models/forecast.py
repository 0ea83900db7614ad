"""Readers' forecasts and the community forecast they move."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from predictions.models.expressions import PROBABILITY_RANGE
from predictions.models.prediction import Prediction


class ForecastQuerySet(models.QuerySet):
    def current(self):
        """Each reader's latest forecast on each prediction."""
        return self.filter(is_current=True)


class Forecast(models.Model):
    """A reader's probability on a prediction; a new one supersedes the last, which is kept."""

    prediction = models.ForeignKey(Prediction, on_delete=models.CASCADE, related_name="forecasts")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forecasts"
    )
    probability = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=True)

    objects = ForecastQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(condition=PROBABILITY_RANGE, name="forecast_probability_range"),
            models.UniqueConstraint(
                fields=["prediction", "reader"],
                condition=Q(is_current=True),
                name="forecast_one_current_per_reader",
            ),
        ]
        indexes = [
            models.Index(
                fields=["prediction", "reader", "created_at"], name="forecast_history_idx"
            ),
            models.Index(fields=["reader", "-created_at"], name="forecast_reader_idx"),
        ]

    def __str__(self):
        return f"{self.reader} — {self.probability} %"


class CommunitySnapshot(models.Model):
    """The community forecast after a reader's forecast moved it: the reader line on the chart."""

    prediction = models.ForeignKey(
        Prediction, on_delete=models.CASCADE, related_name="community_snapshots"
    )
    probability = models.FloatField()
    forecaster_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1) & Q(probability__lte=99),
                name="snapshot_probability_range",
            )
        ]
        indexes = [models.Index(fields=["prediction", "created_at"], name="snapshot_idx")]

    def __str__(self):
        return f"{self.probability:.0f} % from {self.forecaster_count} readers"
