from django.apps import AppConfig


class PredictionsConfig(AppConfig):
    name = "predictions"
    verbose_name = "Predictions"

    def ready(self):
        # Registers the task that `services` books by name.
        from predictions import tasks  # noqa: F401
