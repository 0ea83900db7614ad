from django.apps import AppConfig


class PredictionsConfig(AppConfig):
    name = "predictions"
    verbose_name = "Predictions"

    def ready(self):
        # Predictions on the search page and in the sitemap, both of which articles serve; the
        # forecast boxes and records on other apps' pages; the task `services` books by name.
        from articles.search import register_search
        from articles.sitemaps import register_sitemap
        from newsletter.emails import register_notice_builder
        from newsletter.models import Notice
        from predictions import (
            parts,
            search,
            sitemaps,
            tasks,  # noqa: F401
        )
        from predictions.alerts import resolution_email

        parts.register()
        register_search("predictions", search=search.search_predictions, template=search.TEMPLATE)
        register_sitemap("predictions", sitemaps.PredictionSitemap)
        register_sitemap("prediction-pages", sitemaps.PredictionPagesSitemap)
        # The outbox builds resolution emails with this app's builder, in every process.
        register_notice_builder(Notice.Kind.RESOLVED, resolution_email)
