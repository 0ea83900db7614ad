"""The Celery application: Redis as broker and result backend, eager when REDIS_URL is unset."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veridact.settings")

app = Celery("veridact")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
