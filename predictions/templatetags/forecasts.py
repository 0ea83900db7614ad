from django import template

from predictions import queries
from predictions.models import Prediction

register = template.Library()


@register.inclusion_tag("predictions/includes/_article_forecasts.html")
def article_forecasts(article):
    """The “Our forecast” box on an article page: the predictions it informs."""
    return {"article": article, "predictions": list(Prediction.objects.for_article(article))}


@register.inclusion_tag("predictions/includes/_home_predictions.html")
def home_predictions():
    """Open predictions for the home page."""
    return {"predictions": list(Prediction.objects.for_home())}


@register.inclusion_tag("predictions/includes/_reader_record.html")
def reader_record(reader):
    """A reader's forecasting record and calibration, for their public profile."""
    return {"reader": reader, **queries.reader_record(reader)}


@register.filter
def percent(fraction, digits=0):
    """Show a fraction (0.42) as a percentage (“42”)."""
    if fraction is None:
        return "—"
    return f"{fraction * 100:.{int(digits)}f}"
