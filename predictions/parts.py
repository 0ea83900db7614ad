"""What predictions show on other apps' pages (articles.parts): forecast boxes and records."""

from django.template.loader import render_to_string

from articles import parts
from predictions.templatetags import forecasts


def article_forecasts(request, *, article):
    """The “Our forecast” box of an article page: the predictions the article informs."""
    return render_to_string(
        "predictions/includes/_article_forecasts.html", forecasts.article_forecasts(article)
    )


def home_predictions(request):
    """The open predictions on the home page."""
    return render_to_string(
        "predictions/includes/_home_predictions.html", forecasts.home_predictions()
    )


def reader_record(request, *, reader):
    """A reader's forecasting record and calibration, on their public profile."""
    return render_to_string(
        "predictions/includes/_reader_record.html", forecasts.reader_record(reader)
    )


def register():
    """Fill the slots of other apps' pages that show predictions."""
    parts.register("article.forecasts", article_forecasts)
    parts.register("home.predictions", home_predictions)
    parts.register("profile.forecasts", reader_record)
