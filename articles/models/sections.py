"""An article's sections: its scenarios, timeline and questions and answers."""

import calendar
import datetime

import reversion
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from articles.models.articles import Article


@reversion.register()
class Scenario(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="scenarios")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    analysis = models.TextField()
    probability = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Optional, 0–100 %. An article's scenarios may not add up to more than 100 %.",
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__isnull=True) | Q(probability__lte=100),
                name="scenario_probability_range",
            )
        ]

    def __str__(self):
        return self.title


@reversion.register()
class TimelineEvent(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="timeline_events")
    # The editor's order: a date known only to the month or year (stored as its first day)
    # has no one place among exact dates, so readers see the events as the editor placed them.
    order = models.PositiveSmallIntegerField(default=0)
    date = models.DateField(help_text="With month or year precision, the first day is stored.")
    precision = models.CharField(max_length=5, choices=Precision, default=Precision.DAY)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "date", "pk"]

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    def save(self, *args, **kwargs):
        self.date = truncate_date(self.date, self.precision)
        super().save(*args, **kwargs)

    @property
    def display_date(self):
        """The date as precisely as it is known: “12 June 2026”, “June 2026” or “2026”."""
        return format_partial_date(self.date, self.precision)

    @property
    def iso_date(self):
        """The date for a <time datetime>: 2026-06-12, 2026-06 or 2026."""
        if self.precision == self.Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == self.Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


def truncate_date(date, precision):
    """Keep only the part of a date its precision knows."""
    if precision == TimelineEvent.Precision.YEAR:
        return datetime.date(date.year, 1, 1)
    if precision == TimelineEvent.Precision.MONTH:
        return datetime.date(date.year, date.month, 1)
    return date


def format_partial_date(date, precision):
    if precision == TimelineEvent.Precision.YEAR:
        return str(date.year)
    if precision == TimelineEvent.Precision.MONTH:
        return f"{calendar.month_name[date.month]} {date.year}"
    return f"{date.day} {calendar.month_name[date.month]} {date.year}"


@reversion.register()
class FAQItem(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faq_items")
    order = models.PositiveSmallIntegerField(default=0)
    question = models.CharField(max_length=300)
    answer = models.TextField()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "FAQ item"

    def __str__(self):
        return self.question
