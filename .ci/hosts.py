"""Hosts for .ci/many_hosts.py: copies of the checkout that each serve on a port of their own,
the processes they run, a database made afresh, moto's S3 server, and the checks' reporting."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class Failed(Exception):
    """A check that did not hold, or a process that did not start or died."""


def check(condition, message):
    """Print the check as passed, or fail with it."""
    if not condition:
        raise Failed(message)
    print(f"  ok: {message}")


def free_port():
    """A port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, seconds, interval=0.2):
    """Ask until the predicate holds or the time is up; say whether it holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class Processes:
    """Child processes, each in its own group with its output in a log file."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started = {}

    def start(self, name, command, *, cwd, env):
        log = (self.logs / f"{name}.log").open("wb")
        self.started[name] = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def output(self, name):
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def check_running(self):
        for name, process in self.started.items():
            if process.poll() is not None:
                last = self.output(name)[-3000:]
                raise Failed(f"{name} exited with {process.returncode}:\n{last}")

    def stop(self):
        for process in self.started.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.started.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Host:
    """A copy of the checkout, serving on its own port."""

    def __init__(self, name, folder: Path, environ):
        self.name = name
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**environ, "PYTHONPATH": str(folder)}

    def manage(self, *arguments, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=self.folder,
            env=self.env,
            input=stdin,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def start(self, processes: Processes):
        processes.start(
            f"web-{self.name}",
            [BIN / "gunicorn", "veridact.wsgi", "--bind", f"127.0.0.1:{self.port}"]
            + ["--workers", "2", "--access-logfile", "-"],
            cwd=self.folder,
            env=self.env,
        )
        processes.start(
            f"worker-{self.name}",
            [BIN / "celery", "-A", "veridact", "worker", "--loglevel=INFO", "--concurrency=1"]
            + ["--hostname", f"worker-{self.name}@%h", "--without-gossip", "--without-mingle"],
            cwd=self.folder,
            env=self.env,
        )

    def media_on_disk(self):
        media = self.folder / "var" / "media"
        return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def copy_checkout(destination: Path):
    """Copy the checkout for a host, without its .venv, var, .git or docs."""
    shutil.copytree(
        ROOT,
        destination,
        ignore=shutil.ignore_patterns(".venv", ".git", "var", "__pycache__", "docs", ".env"),
    )


def fresh_database(url):
    """Make `<database>_hosts` afresh beside the database of `url`; return its URL."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_hosts"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def drop_database(url):
    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def start_s3(processes: Processes):
    """Start moto's S3 server and make a bucket anyone may read, as compose's MinIO has."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    processes.start(
        "s3", [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(port)], cwd=ROOT, env=os.environ
    )
    if not wait_until(lambda: reachable(f"{endpoint}/moto-api/"), 30):
        raise Failed("moto_server did not start")
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket="veridact-media")
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::veridact-media/*",
    }
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    client.put_bucket_policy(Bucket="veridact-media", Policy=json.dumps(policy))
    return endpoint


def reachable(url):
    """Whether `url` answers with anything but a server error."""
    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.RequestException:
        return False


def csrf_token(html):
    """The CSRF token of the page's form, as a browser would send it."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
