"""Settings as a child process sees them, after reading the environment it was given.

Settings are read once per process, so each case starts a Python of its own with the
variables under test and none of this process's settings variables.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the settings under test came to, as JSON.
REPORT = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]),
    "conn_max_age": db.get("CONN_MAX_AGE"), "conn_health_checks": db.get("CONN_HEALTH_CHECKS"),
    "db_options": db.get("OPTIONS", {}),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER, "broker": settings.CELERY_BROKER_URL,
    "email_backend": settings.EMAIL_BACKEND, "email_host": settings.EMAIL_HOST,
    "email_port": settings.EMAIL_PORT, "email_tls": settings.EMAIL_USE_TLS,
    "email_user": settings.EMAIL_HOST_USER,
    "email_path": str(getattr(settings, "EMAIL_FILE_PATH", "")),
    "debug": settings.DEBUG, "site_url": settings.SITE_URL, "media_root": str(settings.MEDIA_ROOT),
    "from_email": settings.DEFAULT_FROM_EMAIL, "allowed_hosts": settings.ALLOWED_HOSTS,
    "media_url": settings.MEDIA_URL, "media_storage": settings.STORAGES["default"],
    "purge_unconfirmed_days": settings.PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS,
    "purge_sent_days": settings.PURGE_SENT_EMAILS_DAYS,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}, default=repr))
"""
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_REDIS_URL",
    "CELERY_BROKER_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "SECURITY_CONTACT",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "ALLOW_INSECURE_SITE_URL",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "MEDIA_ROOT",
    "MEDIA_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "DEFAULT_FROM_EMAIL",
    "CONN_MAX_AGE",
    "PREPARED_STATEMENTS",
    "CSP_REPORT_ONLY",
    "CSP_REPORT_URI",
    "ADMINS",
    "SENTRY_DSN",
    "LOG_FORMAT",
    "PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS",
    "PURGE_SENT_EMAILS_DAYS",
    "TRUSTED_PROXY_COUNT",
    "PORT",
    "PUBLIC_PAGE_MAX_AGE",
)
# A request through every middleware, as the TLS proxy passes it on, in a child process that
# read the given environment.
HEADERS = """
import json
from django.test import Client
response = Client().get("/healthz", headers={"X-Forwarded-Proto": "https"})
assert response.status_code == 200, response.content
print(json.dumps(dict(response.headers)))
"""


def child_environment(**variables):
    """This process's environment without its settings variables, plus `variables`."""
    # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a child that
    # plays production must not inherit it (check --deploy rejects it).
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_VARIABLES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ.update(variables)
    return environ


def run_python(code, **variables):
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=child_environment(DJANGO_SETTINGS_MODULE="veridact.settings", **variables),
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_under(**variables):
    variables.setdefault("SECRET_KEY", "a-test-secret")
    variables.setdefault("ALLOW_INSECURE_SITE_URL", "true")
    result = run_python(REPORT, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def headers_under(**variables):
    variables.setdefault("SECRET_KEY", "a-test-secret")
    variables.setdefault("ALLOW_INSECURE_SITE_URL", "true")
    variables.setdefault("ALLOWED_HOSTS", "testserver")
    result = run_python(HEADERS, DATABASE_URL="sqlite:///:memory:", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
