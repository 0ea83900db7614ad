"""The Celery application: Redis as broker, eager when no broker is configured.

Publishing waits for the broker only so long (settings: socket timeouts, one retry), and a
process that failed to publish stops trying for a few seconds (veridact.circuit_breaker):
while the broker hangs, a request that enqueues a task answers at once instead of waiting.
Whoever publishes handles the error: the newsletter leaves its emails in the outbox for the
sweep, forecast pages are refreshed on the spot.
"""

import os

import celery
from kombu.exceptions import OperationalError

from veridact.circuit_breaker import circuit_breaker, redis_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veridact.settings")


class Celery(celery.Celery):
    """A Celery app that refuses to publish at once while the broker is known to be down."""

    def send_task(self, *args, **kwargs):
        breaker = circuit_breaker(redis_server(self.conf.broker_url))
        if not breaker.allows():
            raise OperationalError(f"{breaker.name} is down; not publishing for a few seconds")
        try:
            result = super().send_task(*args, **kwargs)
        except OperationalError as error:  # kombu's for any broker connection error
            breaker.failed(error)
            raise
        breaker.succeeded()
        return result


app = Celery("veridact")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
