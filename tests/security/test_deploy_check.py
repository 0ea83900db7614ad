"""Django's deploy checks pass with the production environment as documented, and nothing else.

The environment is what docker-compose.yml gives the application, filled in with the values the
README's production instructions export: no variable of this machine's, none of the test suite's.
"""

import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_VALUE = re.compile(r"\$\{(?P<name>\w+)(?::(?P<kind>[?-])(?P<rest>[^}]*))?\}")


def readme_exports():
    """The variables the README's production block exports, commands run as a shell would."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running in production", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    exports = {}
    for line in block.splitlines():
        if not line.startswith("export "):
            continue
        # The only commands are secret generators: a fresh secret of the same kind.
        line = re.sub(r"\$\(python3 -c '[^']*'\)", lambda _: secrets.token_urlsafe(50), line)
        for assignment in shlex.split(line.removeprefix("export "), comments=True):
            name, _, value = assignment.partition("=")
            exports[name] = value
    return exports


def documented_environment():
    """What compose sets for web, worker and beat, with the README's exports substituted."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    exports = readme_exports()

    def substitute(match):
        name, kind, rest = match["name"], match["kind"], match["rest"]
        if name in exports:
            return exports[name]
        assert kind != "?", f"compose requires {name}, which the README does not export"
        return rest if kind == "-" else ""

    environment = compose["services"]["web"]["environment"]
    return {name: COMPOSE_VALUE.sub(substitute, str(value)) for name, value in environment.items()}


def test_the_documented_production_environment_is_https():
    environment = documented_environment()
    assert environment["SITE_URL"].startswith("https://")
    assert len(environment["SECRET_KEY"]) >= 50
    assert "DEBUG" not in environment  # off by default


def test_deploy_checks_are_clean_with_only_the_documented_environment():
    environment = documented_environment()
    # The image holds no .env (.dockerignore); this checkout may, and manage.py would read it.
    environment["ENV_FILE"] = ""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
