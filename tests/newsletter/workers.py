"""Start real `celery worker` (and gunicorn, redis-server) processes against the test database."""

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def database_url() -> str:
    """The URL of the database this test uses (pytest-django's `test_<name>`)."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def environment(*, smtp_url: str, redis_url: str | None = None, **extra) -> dict:
    environ = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url or settings.REDIS_URL,
        "EMAIL_URL": smtp_url,
        "SECRET_KEY": settings.SECRET_KEY,
        "SITE_URL": settings.SITE_URL,
        "DEBUG": "false",
        # Short enough that a chunk lost with its worker comes back within seconds.
        "CELERY_VISIBILITY_TIMEOUT": "10",
        "NEWSLETTER_RETRY_BASE_SECONDS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    environ.pop("VERIDACT_REQUIRE_SERVICES", None)
    # Set in this process by the browser fixture; a worker must keep Django's async checks.
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environ.update({key: str(value) for key, value in extra.items()})
    return environ


def purge_broker(redis_url: str) -> None:
    """Drop tasks and unacknowledged deliveries other tests may have left in this Redis db."""
    client = redis.Redis.from_url(redis_url)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")
    client.close()


class Process:
    """A child process in its own process group, its output in a log file."""

    def __init__(self, command, *, env, log: Path, ready_text: str | None = None):
        self.log = log
        self.handle = log.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.ready_text = ready_text

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready_text and self.ready_text in self.output():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.log.name} exited early:\n{self.output()[-3000:]}")
            time.sleep(0.2)
        raise TimeoutError(f"{self.log.name} not ready after {timeout}s:\n{self.output()[-3000:]}")

    def kill(self):
        """SIGKILL the whole process group: the worker and its pool, with no goodbye."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self.handle.close()


def start_worker(env, log: Path, *, beat=False, concurrency=1) -> Process:
    command = [
        str(BIN / "celery"),
        "-A",
        "veridact",
        "worker",
        "--loglevel=INFO",
        f"--concurrency={concurrency}",
        "--hostname",
        f"newsletter-test-{uuid.uuid4().hex[:8]}@%h",
        "--without-gossip",
        "--without-mingle",
    ]
    if beat:
        command += ["--beat", "--schedule", str(log.with_suffix(".beat"))]
    worker = Process(command, env=env, log=log, ready_text=" ready.")
    worker.wait_ready()
    return worker


def start_redis(port: int, log: Path) -> Process:
    command = [
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    server = Process(command, env=os.environ.copy(), log=log, ready_text="Ready to accept")
    server.wait_ready(timeout=20)
    return server


class Web(Process):
    """gunicorn, which writes the address it listens on before it boots a worker."""

    @property
    def url(self) -> str:
        return re.search(r"Listening at: (http://\S+)", self.output()).group(1)


def start_web(env, log: Path, *, workers=1) -> Web:
    """Start gunicorn on a port the kernel picks; its address is `web.url` once it listens.

    A port chosen beforehand (bound, closed, passed on) can be taken by another test in the
    meantime; gunicorn then gives up and the test sees only refused connections.
    """
    command = [
        str(BIN / "gunicorn"),
        "veridact.wsgi",
        "--bind",
        "127.0.0.1:0",
        "--workers",
        str(workers),
        "--no-control-socket",
    ]
    web = Web(command, env=env, log=log, ready_text="Booting worker")
    web.wait_ready()
    deadline = time.monotonic() + 30
    while web.output().count("Booting worker") < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    return web
