"""What the whole-site benchmarks share: a database with the demo content, gunicorn, Varnish.

Progress goes to stderr; a benchmark prints only its Markdown section on stdout.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
SBIN_PATH = f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin"


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(*command, env=None, capture=False):
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else sys.stderr,
    )
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def apt_install(command, package):
    if not shutil.which(command, path=SBIN_PATH):
        log(f"Installing {package}")
        run("apt-get", "install", "-y", "-qq", package)


def environment(database, redis_url=REDIS_URL, **extra):
    """Production settings (DEBUG off) on a database of the benchmark's own."""
    environ = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{database}",
        "REDIS_URL": redis_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "ALLOW_INSECURE_SITE_URL": "true",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
        "ENV_FILE": "",
        # Staff sign in with a second factor in production; the benchmarks' editor is made
        # by the script, not by signing in.
        "STAFF_MFA_REQUIRED": "false",
    }
    environ.pop("VERIDACT_REQUIRE_SERVICES", None)
    environ.update(extra)
    return environ


def prepare(environ, database):
    """A fresh database with the demo content, an empty Redis database, static files."""
    for statement in (
        f"DROP DATABASE IF EXISTS {database} WITH (FORCE)",
        f"CREATE DATABASE {database}",
    ):
        run("psql", "-q", f"{PG}/test", "-c", statement)
    run("redis-cli", "-u", environ["REDIS_URL"], "flushdb")
    manage(environ, "migrate", "--noinput")
    manage(environ, "seed_demo")
    manage(environ, "collectstatic", "--noinput")


def manage(environ, *arguments, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environ,
        input=stdin,
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout


def shell(environ, code):
    """Run code in `manage.py shell`; return the last line it printed."""
    return manage(environ, "shell", stdin=code).strip().splitlines()[-1]


def signed_in_cookies(environ, email, *, staff=False):
    """Make a user (an editor when `staff`) and return the cookies of a session of theirs."""
    code = f"""
from django.contrib.auth.models import Group
from django.test import Client
from allauth.account.models import EmailAddress
from accounts.models import User
user = User.objects.create_user(email={email!r}, display_name={email.split("@")[0]!r},
                                is_staff={staff!r})
if {staff!r}:
    user.groups.add(Group.objects.get(name="Editors"))
EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""
    token = secrets.token_hex(16)  # a CSRF secret, which forms may carry unmasked
    return {"sessionid": shell(environ, code), "csrftoken": token}, token


class Server:
    """A process in its own group that answers at `url` once started."""

    def __init__(self, command, *, env, ready_path, url, name, log_file=None):
        self.name = name
        self.url = url
        self.process = subprocess.Popen(
            [str(part) for part in command],
            cwd=ROOT,
            env=env,
            stdout=log_file or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if log_file else None,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}{ready_path}", timeout=2).read()  # noqa: S310
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{name} did not start") from None
                time.sleep(0.3)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def gunicorn(environ):
    """gunicorn as compose runs it (deploy/gunicorn.conf.py: on 2 cores, 2 gthread workers
    × 4 threads)."""
    port = free_port()
    command = [BIN / "gunicorn", "--config", ROOT / "deploy" / "gunicorn.conf.py", "veridact.wsgi"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    url = f"http://127.0.0.1:{port}"
    return Server(command, env=environ, ready_path="/healthz", url=url, name="gunicorn")


def varnish(backend_port, folder: Path):
    """varnishd running deploy/varnish/default.vcl as shipped, its backend on `backend_port`."""
    apt_install("varnishd", "varnish")
    shipped = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    vcl = folder / "default.vcl"
    shipped = shipped.replace('.port = "8000";', f'.port = "{backend_port}";')
    vcl.write_text(shipped.replace('"veridact.example"', '"127.0.0.1"'))
    port = free_port()
    command = [shutil.which("varnishd", path=SBIN_PATH), "-F", "-j", "none"]
    command += ["-n", folder / "work", "-a", f"127.0.0.1:{port}", "-f", vcl, "-s", "malloc,64m"]
    command += ["-T", f"127.0.0.1:{free_port()}"]
    url = f"http://127.0.0.1:{port}"
    return Server(command, env=os.environ, ready_path="/healthz", url=url, name="varnishd")


class FormReader(HTMLParser):
    """The fields a browser would submit from the page's form with the given action."""

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.inside = False
        self.fields = []  # (name, value), repeated names allowed
        self._select = self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action", "") in {self.action, ""}
        if not self.inside or tag not in {"input", "select", "option", "textarea"}:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def form_fields(html, action=""):
    reader = FormReader(action)
    reader.feed(html)
    return reader.fields
