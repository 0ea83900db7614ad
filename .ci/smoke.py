"""Start web, worker and beat as docker-compose.yml runs them, on local PostgreSQL and Redis.

Request /healthz and the home page through gunicorn, ping the worker, then stop all three
with SIGTERM and require a clean exit. DATABASE_URL and REDIS_URL come from .ci/run.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def compose_commands(port):
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    commands = {name: list(services[name]["command"]) for name in ("web", "worker", "beat")}
    # Same commands; only the address differs: no container network here.
    web = commands["web"]
    web[web.index("--bind") + 1] = f"127.0.0.1:{port}"
    beat = commands["beat"]
    beat[beat.index("--schedule") + 1] = str(ROOT / "var" / "celerybeat-schedule")
    return commands


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local URL)
        return response.status, response.read().decode()


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def main():
    port = free_port()
    environ = {
        **os.environ,
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "ALLOW_INSECURE_SITE_URL": "true",
        "EMAIL_URL": "consolemail://",
    }
    environ.pop("VERIDACT_REQUIRE_SERVICES", None)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=environ, check=True)

    processes = {
        name: subprocess.Popen(command, cwd=ROOT, env=environ)
        for name, command in compose_commands(port).items()
    }
    failed = False
    try:
        status, body = wait_for(f"http://127.0.0.1:{port}/healthz")
        print(f"healthz: {status} {body}")
        failed |= status != 200
        status, body = get(f"http://127.0.0.1:{port}/")
        print(f"home: {status}, {len(body)} bytes")
        failed |= status != 200 or "Veridact" not in body
        ping_command = [BIN / "celery", "-A", "veridact", "inspect", "ping", "--timeout", "5"]
        deadline = time.monotonic() + 60
        while True:
            ping = subprocess.run(
                ping_command, cwd=ROOT, env=environ, capture_output=True, text=True
            )
            if ping.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(1)
        print(f"worker ping: {ping.stdout.strip() or ping.stderr.strip()}")
        failed |= ping.returncode != 0
        for name, process in processes.items():
            if process.poll() is not None:
                print(f"{name} exited early with {process.returncode}")
                failed = True
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in processes.items():
            try:
                code = process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                code = "killed after 30 s"
            print(f"{name} stopped: {code}")
            failed |= code != 0
    if failed:
        sys.exit("Smoke run failed")
    print("Smoke run passed")


if __name__ == "__main__":
    main()
