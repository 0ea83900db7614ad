from django import template

register = template.Library()


@register.inclusion_tag("predictions/includes/_article_forecasts.html")
def article_forecasts(article):
    """The “Our forecast” box on an article page: the predictions it informs."""
    return {"article": article, "predictions": []}


@register.inclusion_tag("predictions/includes/_home_predictions.html")
def home_predictions():
    """Open predictions for the home page."""
    return {"predictions": []}


@register.inclusion_tag("predictions/includes/_reader_record.html")
def reader_record(reader):
    """A reader's forecasting record and calibration, for their public profile."""
    return {"reader": reader, "forecasts": []}
