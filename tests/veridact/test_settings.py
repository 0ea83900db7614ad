"""Settings read the environment with embedded defaults and fail in one line on bad values."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORT = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]),
    "conn_max_age": db.get("CONN_MAX_AGE"), "conn_health_checks": db.get("CONN_HEALTH_CHECKS"),
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


def run_python(code, **variables):
    # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a child that
    # plays production must not inherit it (check --deploy rejects it).
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_VARIABLES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ.update({"DJANGO_SETTINGS_MODULE": "veridact.settings", **variables})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        cwd=ROOT,
        env=environ,
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


def test_embedded_defaults_need_no_server():
    report = settings_under()
    assert report["engine"] == "django.db.backends.sqlite3"
    assert report["name"] == str(ROOT / "var" / "veridact.sqlite3")
    assert report["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert report["eager"] is True
    assert report["email_backend"] == "django.core.mail.backends.filebased.EmailBackend"
    assert report["email_path"] == str(ROOT / "var" / "mail")
    assert report["debug"] is False
    assert report["media_root"] == str(ROOT / "var" / "media")
    assert report["media_url"] == "/media/"
    assert report["media_storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert (report["purge_unconfirmed_days"], report["purge_sent_days"]) == (30, 30)


def test_postgres_url_keeps_connections_with_health_checks():
    report = settings_under(DATABASE_URL="postgres://postgres@127.0.0.1:5432/veridact")
    assert report["engine"] == "django.db.backends.postgresql"
    assert report["name"] == "veridact"
    assert report["conn_max_age"] == 60
    assert report["conn_health_checks"] is True


def test_redis_url_switches_cache_and_celery_to_redis():
    report = settings_under(REDIS_URL="redis://127.0.0.1:6379/2")
    assert report["cache"] == "veridact.circuit_breaker.CircuitBreakerRedisCache"
    assert report["cache_location"] == "redis://127.0.0.1:6379/2"
    assert report["eager"] is False
    assert report["broker"] == "redis://127.0.0.1:6379/2"


def test_cache_and_broker_may_each_have_their_own_redis():
    report = settings_under(
        REDIS_URL="redis://127.0.0.1:6379/2",
        CACHE_REDIS_URL="redis://cache.internal:6379/0",
        CELERY_BROKER_URL="redis://broker.internal:6379/0",
    )
    assert report["cache_location"] == "redis://cache.internal:6379/0"
    assert report["broker"] == "redis://broker.internal:6379/0"
    # Without REDIS_URL too: each role says where it is.
    report = settings_under(
        CACHE_REDIS_URL="redis://cache.internal:6379/0",
        CELERY_BROKER_URL="redis://broker.internal:6379/0",
    )
    assert report["cache"] == "veridact.circuit_breaker.CircuitBreakerRedisCache"
    assert (report["broker"], report["eager"]) == ("redis://broker.internal:6379/0", False)
    report = settings_under(CACHE_REDIS_URL="redis://cache.internal:6379/0")
    assert (report["broker"], report["eager"]) == ("memory://", True)


def test_smtp_email_url_with_tls_and_credentials():
    report = settings_under(EMAIL_URL="smtp+tls://editor:s3cret@mail.example.com:587")
    assert report["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (report["email_host"], report["email_port"]) == ("mail.example.com", 587)
    assert report["email_tls"] is True
    assert report["email_user"] == "editor"


def test_console_email_url():
    report = settings_under(EMAIL_URL="consolemail://")
    assert report["email_backend"] == "django.core.mail.backends.console.EmailBackend"


def test_plain_values_are_read():
    report = settings_under(
        DEBUG="true",
        ALLOWED_HOSTS="veridact.example,www.veridact.example",
        SITE_URL="https://veridact.example/",
        MEDIA_ROOT="/srv/media",
        DEFAULT_FROM_EMAIL="Desk <desk@veridact.example>",
        PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS="14",
        PURGE_SENT_EMAILS_DAYS="90",
    )
    assert report["debug"] is True
    assert report["allowed_hosts"] == ["veridact.example", "www.veridact.example"]
    assert report["site_url"] == "https://veridact.example"
    assert report["media_root"] == "/srv/media"
    assert report["from_email"] == "Desk <desk@veridact.example>"
    assert (report["purge_unconfirmed_days"], report["purge_sent_days"]) == (14, 90)


def test_a_bucket_moves_media_to_s3_served_from_the_endpoint():
    report = settings_under(
        AWS_STORAGE_BUCKET_NAME="veridact-media",
        AWS_S3_ENDPOINT_URL="http://minio:9000",
        AWS_ACCESS_KEY_ID="veridact",
        AWS_SECRET_ACCESS_KEY="s3cret-key",
    )
    storage = report["media_storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "veridact-media"
    assert options["endpoint_url"] == "http://minio:9000"
    assert (options["access_key"], options["secret_key"]) == ("veridact", "s3cret-key")
    assert options["object_parameters"] == {"CacheControl": "public, max-age=31536000, immutable"}
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert report["media_url"] == "http://minio:9000/veridact-media/"


def test_media_on_aws_is_served_from_the_bucket_or_the_cdn_in_front():
    aws = settings_under(AWS_STORAGE_BUCKET_NAME="veridact-media", AWS_S3_REGION_NAME="eu-west-1")
    assert aws["media_url"] == "https://veridact-media.s3.eu-west-1.amazonaws.com/"
    assert aws["media_storage"]["OPTIONS"]["access_key"] is None  # boto3's own chain
    cdn = settings_under(
        AWS_STORAGE_BUCKET_NAME="veridact-media", MEDIA_URL="https://media.veridact.example"
    )
    assert cdn["media_url"] == "https://media.veridact.example/"
    options = cdn["media_storage"]["OPTIONS"]
    assert (options["url_protocol"], options["custom_domain"]) == (
        "https:",
        "media.veridact.example",
    )
    # The Content-Security-Policy lets pages show images from there, and only from there.
    assert aws["img_src"] == [
        "'self'",
        "data:",
        "https://veridact-media.s3.eu-west-1.amazonaws.com",
    ]
    assert cdn["img_src"] == ["'self'", "data:", "https://media.veridact.example"]
    assert settings_under()["img_src"] == ["'self'", "data:"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "nonsense"),
        ("DATABASE_URL", "mysql://root@localhost/veridact"),
        ("REDIS_URL", "localhost:6379"),
        ("CACHE_REDIS_URL", "memcached://cache.internal"),
        ("CELERY_BROKER_URL", "amqp://broker.internal"),
        ("EMAIL_URL", "nonsense"),
        ("EMAIL_URL", "smtp://localhost:notaport"),
        ("DEBUG", "maybe"),
        ("SITE_URL", "veridact.example"),
        ("ALLOW_INSECURE_SITE_URL", "perhaps"),
        ("SECURE_HSTS_PRELOAD", "perhaps"),
        ("CONN_MAX_AGE", "forever"),
        ("MEDIA_URL", "/uploads"),
        ("AWS_S3_ENDPOINT_URL", "minio:9000"),
        ("ADMINS", "the night desk"),
        ("SENTRY_DSN", "public-key@sentry.example/42"),
        ("LOG_FORMAT", "xml"),
        ("PURGE_SENT_EMAILS_DAYS", "a month"),
        ("PURGE_SENT_EMAILS_DAYS", "0"),
        # Before its confirmation link expires (7 days), a request must stay.
        ("PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS", "3"),
        ("TRUSTED_PROXY_COUNT", "one"),
        ("TRUSTED_PROXY_COUNT", "-1"),
        ("PORT", "eighty"),
        ("PUBLIC_PAGE_MAX_AGE", "half a minute"),
        ("PUBLIC_PAGE_MAX_AGE", "0"),
        ("ENV_FILE", "/nowhere/.env"),
    ],
)
def test_malformed_value_stops_with_one_line_naming_the_variable(variable, value):
    variables = {"SECRET_KEY": "a-test-secret", "ALLOW_INSECURE_SITE_URL": "true", variable: value}
    if variable == "CONN_MAX_AGE":
        variables["DATABASE_URL"] = "postgres://postgres@127.0.0.1/veridact"
    if variable.startswith("AWS_"):
        variables["AWS_STORAGE_BUCKET_NAME"] = "veridact-media"
    result = run_python("", **variables)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"Configuration error: {variable} ")


def test_public_page_max_age_sets_what_browsers_and_cdns_keep():
    code = "from django.conf import settings; print(settings.PUBLIC_PAGE_CACHE_CONTROL)"
    result = run_python(
        code, SECRET_KEY="a-test-secret", ALLOW_INSECURE_SITE_URL="true", PUBLIC_PAGE_MAX_AGE="10"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(
        {"max_age": 10, "s_maxage": 10, "stale_while_revalidate": 10, "stale_if_error": 86400}
    )


def test_site_url_follows_the_port_served_unless_set():
    assert settings_under(PORT="8765")["site_url"] == "http://127.0.0.1:8765"
    assert settings_under()["site_url"] == "http://127.0.0.1:8000"
    report = settings_under(PORT="8765", SITE_URL="https://veridact.example")
    assert report["site_url"] == "https://veridact.example"


def test_an_env_file_is_read_only_when_named_and_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=from-the-file\nSITE_URL=http://file.example\n")
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY)"
    result = run_python(code, ENV_FILE=str(env_file), SITE_URL="http://environment.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "from-the-file"]
    report = settings_under(ENV_FILE=str(env_file), SITE_URL="http://environment.example")
    assert report["site_url"] == "http://environment.example"
    assert settings_under()["debug"] is False  # no file named, none read


def test_secret_key_is_required_when_debug_is_off():
    result = run_python("")
    assert result.returncode == 1
    assert result.stderr.strip() == "Configuration error: SECRET_KEY is required when DEBUG is off"


@pytest.mark.parametrize("site_url", ["http://veridact.example", "http://127.0.0.1:8000"])
def test_http_site_url_with_debug_off_stops_in_one_line(site_url):
    result = run_python("", SECRET_KEY="a-test-secret", SITE_URL=site_url)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Configuration error: SITE_URL must start with https:// when DEBUG is off "
        "(ALLOW_INSECURE_SITE_URL=true allows http://)"
    )


def test_the_default_site_url_needs_the_same_word_when_debug_is_off():
    result = run_python("", SECRET_KEY="a-test-secret")
    assert result.returncode == 1
    assert result.stderr.startswith("Configuration error: SITE_URL must start with https://")


@pytest.mark.parametrize(
    "variables", [{"ALLOW_INSECURE_SITE_URL": "true"}, {"DEBUG": "true"}], ids=["allowed", "debug"]
)
def test_http_site_url_is_accepted_when_allowed_or_in_development(variables):
    variables = {"ALLOW_INSECURE_SITE_URL": "false", **variables}
    report = settings_under(SITE_URL="http://veridact.example", **variables)
    assert report["site_url"] == "http://veridact.example"


def headers_under(**variables):
    variables.setdefault("SECRET_KEY", "a-test-secret")
    variables.setdefault("ALLOW_INSECURE_SITE_URL", "true")
    variables.setdefault("ALLOWED_HOSTS", "testserver")
    result = run_python(HEADERS, DATABASE_URL="sqlite:///:memory:", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_content_security_policy_is_enforced_by_default():
    headers = headers_under()
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in headers


def test_csp_report_only_reports_the_same_policy_instead_of_enforcing_it():
    enforced = headers_under()["Content-Security-Policy"]
    headers = headers_under(CSP_REPORT_ONLY="true", CSP_REPORT_URI="https://reports.example/csp")
    assert "Content-Security-Policy" not in headers
    reported = headers["Content-Security-Policy-Report-Only"]
    assert reported.endswith("; report-uri https://reports.example/csp")
    assert sorted(reported.split("; ")[:-1]) == sorted(enforced.split("; "))


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "max-age=31536000"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"}, "max-age=31536000; includeSubDomains"),
        (
            {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"},
            "max-age=31536000; includeSubDomains; preload",
        ),
        ({"SECURE_HSTS_SECONDS": "600", "SECURE_HSTS_PRELOAD": "yes"}, "max-age=600; preload"),
    ],
)
def test_hsts_subdomains_and_preload_are_opt_in(variables, expected):
    headers = headers_under(SITE_URL="https://veridact.example", **variables)
    assert headers["Strict-Transport-Security"] == expected


@pytest.mark.parametrize(
    "hsts",
    [{}, {"SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true"}],
    ids=["hsts-defaults", "hsts-subdomains-and-preload"],
)
def test_deploy_checks_pass_with_production_variables(hsts):
    # The browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a child that
    # plays production must not inherit it (check --deploy rejects it).
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_VARIABLES and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environ.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="veridact.example",
        SITE_URL="https://veridact.example",
        **hsts,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
