from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        # Registers the tasks that `newsletter.dispatch` enqueues by name.
        from newsletter import tasks  # noqa: F401
