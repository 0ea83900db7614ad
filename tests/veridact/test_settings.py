"""Settings read the environment with embedded defaults: what each variable turns into."""

import ast
import re

import pytest

from tests.veridact.settings_child import ROOT, run_python, settings_under

# A call that reads the environment: django-environ's readers, os.environ, os.getenv.
READS = re.compile(r"\b(?:os\.environ|os\.getenv|environ\.Env|env\.\w+\(|_(?:flag|integer|url)\()")


def test_the_environment_is_read_in_one_place():
    # veridact/settings.py gathers the settings modules; they take what veridact/env.py read.
    tree = ast.parse((ROOT / "veridact" / "settings.py").read_text())
    gathered = {
        node.module.removeprefix("veridact.")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("veridact.")
    }
    assert gathered == {"env", "storage", "policies", "logs", "beat"}
    for name in ["settings", *gathered - {"env"}]:
        text = (ROOT / "veridact" / f"{name}.py").read_text()
        assert not READS.search(text), f"veridact/{name}.py reads the environment"
    assert len(READS.findall((ROOT / "veridact" / "env.py").read_text())) > 40


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
    assert report["db_options"] == {"server_side_binding": True, "prepare_threshold": 2}
    report = settings_under(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/veridact", PREPARED_STATEMENTS="false"
    )
    assert report["db_options"] == {}


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


@pytest.mark.parametrize(
    "variables", [{"ALLOW_INSECURE_SITE_URL": "true"}, {"DEBUG": "true"}], ids=["allowed", "debug"]
)
def test_http_site_url_is_accepted_when_allowed_or_in_development(variables):
    variables = {"ALLOW_INSECURE_SITE_URL": "false", **variables}
    report = settings_under(SITE_URL="http://veridact.example", **variables)
    assert report["site_url"] == "http://veridact.example"
