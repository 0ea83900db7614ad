"""docker-compose.yml runs commands the project has and sets only variables settings read.

Docker does not run in CI, so this test reads the file instead of starting it.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import redis
import yaml

from tests.conftest import free_port
from tests.newsletter.workers import Process

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
READERS = re.compile(
    r'(?:_flag|_integer|_url|_database|_email|_addresses|_contacts|env\.\w+)\(\s*"([A-Z][A-Z0-9_]*)"'
)


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def settings_variables():
    return set(READERS.findall((ROOT / "veridact" / "env.py").read_text()))


def app_services():
    return {
        name: service
        for name, service in compose()["services"].items()
        if service.get("image") == "veridact:latest"
    }


def test_compose_runs_the_production_services():
    services = compose()["services"]
    production = {name for name, service in services.items() if "profiles" not in service}
    assert production == {
        *("postgres", "redis-cache", "redis-broker", "minio", "minio-bucket"),
        *("migrate", "web", "worker", "beat"),
    }
    assert set(app_services()) == {"migrate", "web", "worker", "beat"}


@pytest.mark.parametrize("variable", ["EMAIL_URL", "SECRET_KEY", "SITE_URL"])
def test_production_secrets_and_addresses_come_from_the_environment_and_are_required(variable):
    # ${NAME:?message}: compose refuses to start without it, rather than fall back to a
    # default (a mail catcher that anyone could read, an http:// address).
    for name, service in app_services().items():
        value = service["environment"][variable]
        assert re.fullmatch(rf"\$\{{{variable}:\?[^}}]+\}}", value), f"{name}: {value}"


def test_the_mail_catcher_is_for_development_only_and_bound_to_this_machine():
    mailpit = compose()["services"]["mailpit"]
    assert mailpit["profiles"] == ["dev"]
    assert mailpit["ports"] == ["127.0.0.1:8025:8025"]


def published_ports(service):
    """Yield (the host address, the entry) for each port; "8000:8000" is every interface."""
    for port in service.get("ports", []):
        if isinstance(port, dict):
            yield port.get("host_ip", "every interface"), port
        else:
            parts = str(port).split(":")
            yield (parts[0] if len(parts) == 3 else "every interface"), port


def test_no_port_is_published_beyond_this_machine():
    for name, service in compose()["services"].items():
        for host_ip, port in published_ports(service):
            assert host_ip == "127.0.0.1", f"{name} publishes {port} to the world"
    assert compose()["services"]["web"]["ports"] == ["127.0.0.1:8000:8000"]


# An exact release, optionally with its OS variant: PostgreSQL numbers its releases
# major.minor, MinIO by the moment of the release, the others major.minor.patch. Never
# `latest` or a bare major version.
MINIO_RELEASE = r"RELEASE\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ"
EXACT_VERSION = {"postgres": r"\d+\.\d+", "minio/minio": MINIO_RELEASE, "minio/mc": MINIO_RELEASE}
DEFAULT_EXACT_VERSION = r"v?\d+\.\d+\.\d+"


def is_exact(image):
    name, _, tag = image.partition(":")
    version = EXACT_VERSION.get(name, DEFAULT_EXACT_VERSION)
    return re.fullmatch(rf"{version}(-[a-z0-9.-]+)?", tag) is not None


def test_images_are_pinned_to_exact_releases():
    images = [
        service["image"]
        for service in compose()["services"].values()
        if service.get("image") != "veridact:latest"
    ]
    assert images
    unpinned = [image for image in images if not is_exact(image)]
    assert not unpinned
    base = re.search(r"^FROM (\S+)", (ROOT / "Dockerfile").read_text(), re.M).group(1)
    assert is_exact(base), base


def test_the_pin_check_refuses_floating_tags():
    for image in ["postgres:16", "postgres:latest", "redis:7", "redis:7.4", "mailpit", "x:v1"]:
        assert not is_exact(image), image
    for image in ["postgres:16.13-bookworm", "redis:7.4.6", "axllent/mailpit:v1.31.1"]:
        assert is_exact(image), image


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
    environ = {**os.environ, "SECRET_KEY": "compose-check", "SITE_URL": "https://veridact.example"}
    result = subprocess.run(
        check_command(command), cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def needs(name):
    """The services `name` waits for, directly or through those it waits for."""
    direct = set(compose()["services"][name].get("depends_on", {}))
    return direct.union(*(needs(other) for other in direct))


def test_media_goes_to_the_bucket_compose_creates_in_a_pinned_minio():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
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


def redis_options(service):
    """The redis-server options a service's command sets, as {name: value}."""
    program, *arguments = compose()["services"][service]["command"]
    assert program == "redis-server"
    names, values = arguments[::2], arguments[1::2]
    return {name.removeprefix("--"): value for name, value in zip(names, values, strict=True)}


def test_the_cache_and_the_broker_each_have_a_redis_set_for_its_role():
    services = compose()["services"]
    cache, broker = redis_options("redis-cache"), redis_options("redis-broker")
    # The cache evicts what was used least at a memory limit, and keeps nothing on disk.
    assert cache["maxmemory-policy"] == "allkeys-lru"
    assert cache["maxmemory"].endswith("mb")
    assert (cache["save"], cache["appendonly"]) == ("", "no")
    assert "volumes" not in services["redis-cache"]
    # The broker never evicts a task (refusing new ones at its limit), and keeps its queue
    # on a volume across restarts.
    assert broker["maxmemory-policy"] == "noeviction"
    assert broker["maxmemory"].endswith("mb")
    assert broker["appendonly"] == "yes"
    assert services["redis-broker"]["volumes"] == ["redis-broker:/data"]
    for name, service in app_services().items():
        environment = service["environment"]
        assert environment["CACHE_REDIS_URL"] == "redis://redis-cache:6379/0", name
        assert environment["CELERY_BROKER_URL"] == "redis://redis-broker:6379/0", name
        assert "REDIS_URL" not in environment, name
        assert {"redis-cache", "redis-broker"} <= needs(name), f"{name} may start before Redis"


@pytest.mark.redis
@pytest.mark.parametrize("service", ["redis-cache", "redis-broker"])
def test_each_redis_runs_with_its_options_and_keeps_its_promise(service, tmp_path):
    """Run Debian's redis-server with compose's options and fill it past a small limit."""
    port = free_port()
    _, *options = compose()["services"][service]["command"]
    options += ["--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path)]
    server = Process(
        ["redis-server", *options],
        env=os.environ.copy(),
        log=tmp_path / "redis.log",
        ready_text="Ready to accept",
    )
    try:
        server.wait_ready(timeout=20)
        client = redis.Redis(port=port)
        expected = redis_options(service)
        for name in ("maxmemory-policy", "appendonly", "save", "appendfsync"):
            if name in expected:
                assert client.config_get(name)[name] == expected[name], name
        client.config_set("maxmemory", "2mb")
        value = b"x" * 10_000
        if service == "redis-cache":
            for number in range(1000):  # five times what fits: the oldest keys make room
                client.set(f"page:{number}", value)
            assert client.exists("page:999") and not client.exists("page:0")
        else:
            with pytest.raises(redis.exceptions.OutOfMemoryError):
                for _ in range(1000):  # a full broker refuses; it never drops a task
                    client.rpush("celery", value)
            assert client.llen("celery") > 0
            assert client.lindex("celery", 0) == value
        client.close()
    finally:
        server.stop()
