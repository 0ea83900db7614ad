"""Readers' requests to be emailed when a prediction they forecast resolves."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from predictions.models.prediction import Prediction


class ResolutionAlert(models.Model):
    """A reader asked, at the forecast form, for an email with their score when this resolves.

    The email goes once: `queued_at` is set when it goes to the outbox, and cleared only if
    an un-resolve withdraws it before it was sent.
    """

    prediction = models.ForeignKey(
        Prediction, on_delete=models.CASCADE, related_name="resolution_alerts"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resolution_alerts"
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the resolution email went to the outbox."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prediction", "reader"], name="alert_once_per_reader")
        ]

    def __str__(self):
        return f"{self.reader} on {self.prediction}"
