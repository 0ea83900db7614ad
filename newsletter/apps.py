from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        from articles.sitemaps import register_sitemap
        from newsletter import tasks  # noqa: F401 (registers the tasks `dispatch` enqueues by name)
        from newsletter.sitemaps import DigestArchiveSitemap

        register_sitemap("newsletter-archive", DigestArchiveSitemap)
