"""Settings for logs and error reports.

Everything is logged to stderr, where gunicorn, Celery and compose collect it; LOG_FORMAT=json
writes one JSON object a line, for a log collector to index. Errors are reported to a
Sentry-compatible service when SENTRY_DSN is set (sentry-sdk also reads SENTRY_ENVIRONMENT
and SENTRY_RELEASE), and by email to ADMINS (Django's mail_admins). The 500 page says
someone was told only when one of them is set up.
"""

from veridact import env

LOG_FORMAT = env.LOG_FORMAT
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

ADMINS = env.ADMINS
SENTRY_DSN = env.SENTRY_DSN
if SENTRY_DSN:
    import sentry_sdk

    # The Django, Celery, Redis and logging integrations turn themselves on; no request
    # bodies, cookies or user details are sent.
    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False)
