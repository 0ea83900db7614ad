from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        # The newsletter section of a reader's settings, the archive's sitemap, and the tasks
        # `newsletter.dispatch` enqueues by name.
        from articles.sitemaps import register_sitemap
        from newsletter import parts, tasks  # noqa: F401
        from newsletter.sitemaps import DigestArchiveSitemap

        parts.register()
        register_sitemap("newsletter-archive", DigestArchiveSitemap)
