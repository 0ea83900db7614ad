from django.apps import AppConfig


class PredictionsConfig(AppConfig):
    name = "predictions"
    verbose_name = "Predictions"

    def ready(self):
        # Registers the task that `services` books by name.
        # Predictions on the search page and in the sitemap, both of which articles serve.
        from articles.search import register_search
        from articles.sitemaps import register_sitemap
        from predictions import (
            search,
            sitemaps,
            tasks,  # noqa: F401
        )

        register_search("predictions", search=search.search_predictions, template=search.TEMPLATE)
        register_sitemap("predictions", sitemaps.PredictionSitemap)
        register_sitemap("prediction-pages", sitemaps.PredictionPagesSitemap)
