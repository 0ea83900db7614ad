"""`make run`'s development settings: the README's commands work after it with nothing
exported, links follow the port it serves on, and the test suite never reads them."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


def make(*arguments, cwd=ROOT):
    """Run a target of the project's Makefile in `cwd`, with this run's .venv."""
    return subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(cwd), f"BIN={BIN}", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout


def checkout(folder):
    """A folder that stands for a fresh checkout: its own manage.py (and so its own .env)."""
    folder.mkdir()
    shutil.copy(ROOT / "manage.py", folder / "manage.py")
    return folder


def shell_environ(database, **variables):
    """What a developer's shell has: no setting exported, only where this test's data lives."""
    return {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{database}",
        **variables,
    }


def manage(folder, *arguments, environ):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=folder,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def developer(tmp_path_factory):
    """A checkout after `make run`'s first steps: .env written, the database migrated."""
    folder = checkout(tmp_path_factory.mktemp("developer") / "veridact")
    make(".env", cwd=folder)
    environ = shell_environ(folder / "veridact.sqlite3")
    result = manage(folder, "migrate", "--noinput", "-v", "0", environ=environ)
    assert result.returncode == 0, result.stderr
    return folder, environ


@pytest.mark.own_sqlite  # a developer's checkout: SQLite, whatever the suite runs on
def test_make_run_writes_development_settings_once(developer, tmp_path):
    folder, _ = developer
    dot_env = folder / ".env"
    text = dot_env.read_text()
    assert "DEBUG=true" in text.splitlines()
    secret = re.search(r"^SECRET_KEY=(\S+)$", text, re.MULTILINE).group(1)
    assert len(secret) >= 50
    assert "SITE_URL" not in text  # it follows the port served
    assert dot_env.stat().st_mode & 0o077 == 0  # the secret is the developer's alone

    make(".env", cwd=folder)
    assert dot_env.read_text() == text
    other = checkout(tmp_path / "other")
    make(".env", cwd=other)
    assert secret not in (other / ".env").read_text()


@pytest.mark.own_sqlite  # a developer's checkout: SQLite, whatever the suite runs on
def test_readme_commands_work_after_make_run_with_nothing_exported(developer, tmp_path):
    folder, environ = developer
    result = manage(folder, "send_digests", "--frequency", "daily", "--dry-run", environ=environ)
    assert result.returncode == 0, result.stderr
    assert "Dry run: the daily digest" in result.stdout

    # Without the file, as before `make run` wrote it.
    bare = checkout(tmp_path / "bare")
    result = manage(bare, "send_digests", "--frequency", "daily", "--dry-run", environ=environ)
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_make_run_passes_its_port_on():
    commands = make("-n", "run", "PORT=8765")
    served = [line for line in commands.splitlines() if "runserver" in line]
    assert served == [f"ENV_FILE=.env PORT=8765 {BIN}/python manage.py runserver 127.0.0.1:8765"]
    for target in ("worker", "beat"):
        assert "ENV_FILE=.env PORT=8765" in make("-n", target, "PORT=8765")


def get(url, data=None):
    body = urllib.parse.urlencode(data).encode() if data else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:  # noqa: S310
        return response.read().decode()


@pytest.fixture
def server_on_another_port(developer, tmp_path):
    """The development server as `make run PORT=…` starts it, with one article to show."""
    folder, environ = developer
    port = free_port()
    environ = {**environ, "PORT": str(port), "EMAIL_URL": "consolemail://"}
    code = (
        "from tests.articles.factories import ArticleFactory\n"
        "print(ArticleFactory(category__name='Finance').get_absolute_url())"
    )
    result = manage(folder, "shell", "-v", "0", "-c", code, environ=environ)
    assert result.returncode == 0, result.stderr
    article = result.stdout.strip()
    log = tmp_path / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=folder,
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            get(f"{url}/healthz")
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"runserver did not start:\n{log.read_text()}", pytrace=False)
            time.sleep(0.2)
    yield url, article, log
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.own_sqlite  # a developer's checkout: SQLite, whatever the suite runs on
def test_links_follow_the_port_served_when_site_url_is_unset(server_on_another_port):
    url, article, log = server_on_another_port
    assert f"Sitemap: {url}/news-sitemap.xml" in get(f"{url}/robots.txt")
    assert f"<loc>{url}{article}</loc>" in get(f"{url}/news-sitemap.xml")
    page = get(f"{url}{article}")
    assert f'<link rel="canonical" href="{url}{article}">' in page
    assert f'"url": "{url}{article}"' in page  # the JSON-LD
    assert "127.0.0.1:8000" not in page

    get(f"{url}/newsletter/subscribe/", {"email": "reader@example.com"})
    confirmation = log.read_text()
    assert f"{url}/newsletter/confirm/" in confirmation
    assert "127.0.0.1:8000" not in confirmation


def test_the_suite_and_its_children_never_read_a_developers_env_file(tmp_path):
    folder = checkout(tmp_path / "veridact")
    (folder / ".env").write_text("DEBUG=true\nSITE_URL=http://dotenv.example\n")
    code = "from django.conf import settings; print(settings.DEBUG, settings.SITE_URL)"
    # A child of the suite, such as the settings and backup tests start, with its environment.
    environ = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = manage(folder, "shell", "-v", "0", "-c", code, environ=environ)
    assert result.returncode == 0, result.stderr
    debug, site_url = result.stdout.split()
    assert debug == "False"
    assert "dotenv.example" not in site_url
