"""/healthz reports the database, cache and broker; /readyz, for load balancers, only the
database; the site survives a Redis outage."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.newsletter.workers import ROOT, start_web


def test_healthz_is_200_when_everything_is_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "checks": {"database": "up", "cache": "up", "broker": "up"},
        "down": [],
    }
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_200_while_the_database_answers(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "down": []}
    assert "no-cache" in response["Cache-Control"]


def test_behind_a_tls_proxy_the_probes_are_answered_over_plain_http(settings, client, db):
    # A balancer or Varnish probes gunicorn itself, with no X-Forwarded-Proto.
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz)$"]
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/about/").status_code == 301


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local URL)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def server_with_redis_down(tmp_path):
    """Serve the site with gunicorn while REDIS_URL points at a closed port."""
    environ = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "SECRET_KEY": "test-secret",
        "DEBUG": "false",
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environ,
            check=True,
            capture_output=True,
        )
    web = start_web(environ, tmp_path / "gunicorn.log")
    try:
        yield web.url
    finally:
        web.stop()


@pytest.mark.slow
@pytest.mark.own_sqlite
def test_healthz_is_503_naming_redis_while_pages_still_render(server_with_redis_down):
    status, body = fetch(f"{server_with_redis_down}/healthz")
    assert status == 503
    report = json.loads(body)
    assert report["status"] == "down"
    assert report["down"] == ["broker", "cache"]
    assert report["checks"]["database"] == "up"

    status, body = fetch(f"{server_with_redis_down}/")
    assert status == 200
    assert "Veridact" in body
    # The host still serves: load balancers keep sending readers to it.
    status, body = fetch(f"{server_with_redis_down}/readyz")
    assert (status, json.loads(body)) == (200, {"status": "ok", "down": []})
