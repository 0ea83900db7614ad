from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self):
        # The newsletter section of a reader's settings; the tasks `newsletter.dispatch`
        # enqueues by name.
        from newsletter import (
            parts,
            tasks,  # noqa: F401
        )

        parts.register()
