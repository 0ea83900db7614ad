from django.apps import AppConfig


class PredictionsConfig(AppConfig):
    name = "predictions"
    verbose_name = "Predictions"

    def ready(self):
        # Predictions on the search page and in the sitemap, both of which articles serve; the
        # forecast boxes and records on other apps' pages; the task `services` books by name.
        from articles.search import register_search
        from articles.sitemaps import register_sitemap
        from predictions import (
            parts,
            search,
            sitemaps,
            tasks,  # noqa: F401
        )

        parts.register()
        register_search("predictions", search=search.search_predictions, template=search.TEMPLATE)
        register_sitemap("predictions", sitemaps.PredictionSitemap)
        register_sitemap("prediction-pages", sitemaps.PredictionPagesSitemap)
