"""docker-compose.yml runs commands the project has and sets only variables settings read.

Docker does not run in CI, so this test reads the file instead of starting it.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
READERS = re.compile(
    r'(?:_flag|_integer|_url|_database|_email|_addresses|env\.\w+)\(\s*"([A-Z][A-Z0-9_]*)"'
)


def settings_variables():
    return set(READERS.findall((ROOT / "veridact" / "settings.py").read_text()))


def app_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("image") == "veridact:latest"
    }


def test_compose_runs_the_production_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"postgres", "redis", "mailpit", "web", "worker", "beat"} <= set(compose["services"])
    assert set(app_services()) == {"migrate", "web", "worker", "beat"}


def test_settings_read_every_variable_compose_sets():
    known = settings_variables()
    for name, service in app_services().items():
        unknown = set(service["environment"]) - known
        assert not unknown, f"{name} sets variables settings never read: {unknown}"


def test_readme_documents_every_variable_settings_read():
    readme = (ROOT / "README.md").read_text()
    undocumented = {name for name in settings_variables() if f"`{name}`" not in readme}
    assert not undocumented


def check_command(command):
    """Return the argv that proves the project can run `command`, without serving."""
    program, *arguments = command
    if program == "gunicorn":
        return [BIN / "gunicorn", "--check-config", *arguments]
    if program == "celery":
        assert arguments[:2] == ["-A", "veridact"]
        assert arguments[2] in {"worker", "beat"}
        return [BIN / "celery", *arguments[:3], "--help"]
    if program == "python" and arguments[0] == "manage.py":
        return [sys.executable, "manage.py", "help", arguments[1]]
    raise AssertionError(f"unexpected program in compose: {command}")


@pytest.mark.parametrize("service", ["migrate", "web", "worker", "beat"])
def test_each_service_command_is_one_the_project_can_run(service):
    command = app_services()[service]["command"]
    environ = {**os.environ, "SECRET_KEY": "compose-check"}
    result = subprocess.run(
        check_command(command), cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_media_goes_to_the_bucket_compose_creates_in_a_pinned_minio():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]

    def needs(name):
        direct = set(services[name].get("depends_on", {}))
        return direct.union(*(needs(other) for other in direct))

    creates_bucket = services["minio-bucket"]["command"][0]
    for name, service in app_services().items():
        environment = service["environment"]
        assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
        assert f"mc mb --ignore-existing local/{environment['AWS_STORAGE_BUCKET_NAME']};" in (
            creates_bucket
        )
        assert "minio-bucket" in needs(name), f"{name} may start before the bucket exists"
    # Pages link to objects by plain URLs, so the bucket must be readable by anyone.
    assert "mc anonymous set download local/veridact-media" in creates_bucket
    for name in ("minio", "minio-bucket"):
        assert re.fullmatch(r"minio/(minio|mc):RELEASE\.[0-9TZ-]+", services[name]["image"])
