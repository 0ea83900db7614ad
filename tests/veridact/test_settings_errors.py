"""A malformed or missing value stops start-up with one line naming the variable."""

import pytest

from tests.veridact.settings_child import run_python


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
