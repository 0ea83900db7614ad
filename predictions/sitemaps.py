from django.db.models import Max
from django.urls import reverse

from articles.sitemaps import SiteSitemap
from predictions.models import Prediction


class PredictionSitemap(SiteSitemap):
    """Every prediction's page: open, awaiting resolution, resolved or annulled."""

    changefreq = "daily"
    priority = 0.7

    def items(self):
        return (
            Prediction.objects.annotate(last_update=Max("probability_updates__created_at"))
            .only("slug", "opened_at", "resolved_at")
            .order_by("pk")
        )

    def lastmod(self, prediction):
        times = [prediction.opened_at, prediction.last_update, prediction.resolved_at]
        return max(time for time in times if time is not None)


class PredictionPagesSitemap(SiteSitemap):
    """The predictions' standing pages: the list, the track record, the leaderboard."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "predictions:index",
            "predictions:track_record",
            "predictions:leaderboard",
            "predictions:methodology",
        ]

    def location(self, name):
        return reverse(name)
