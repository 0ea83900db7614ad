from django.apps import AppConfig


class PredictionsConfig(AppConfig):
    name = "predictions"
    verbose_name = "Predictions"

    def ready(self):
        from newsletter.emails import register_notice_builder
        from newsletter.models import Notice
        from predictions import tasks  # noqa: F401 (registers the task `services` books by name)
        from predictions.alerts import resolution_email

        # The outbox builds resolution emails with this app's builder, in every process.
        register_notice_builder(Notice.Kind.RESOLVED, resolution_email)
