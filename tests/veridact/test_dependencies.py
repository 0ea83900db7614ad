"""Dependencies come from lock files with hashes, and CI's audit fails on a known vulnerability.

The audit's vulnerability service is outside the project: these tests stand a small local
server in for it (OSV's query API, which pip-audit can be pointed at), answering as the real
one would for a vulnerable release, a clean one, and not at all.
"""

import http.server
import json
import re
import socket
import subprocess
import sys
import threading
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)(?: ; (.+?))? \\$", re.M)


def locked(lock):
    """Return {name: (version, marker, hashes)} for every package a lock file pins.

    A package pinned twice under different markers (one release per Python) is given by the
    pin this Python installs.
    """
    text = (ROOT / lock).read_text()
    pins = {}
    for match in PIN.finditer(text):
        name, version, marker = match[1].lower(), match[2], match[3]
        if name in pins and not _applies(name, marker):
            continue
        entry = text[match.end() :].split("\n", 1)[1]
        hashes = re.match(r"(?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", entry + "\n")
        pins[name] = (version, marker, hashes.group() if hashes else "")
    return pins


def _applies(name, marker):
    return not marker or Requirement(f"{name} ; {marker}").marker.evaluate(default_environment())


def applicable(lock):
    """The pins of a lock that this Python on this platform installs."""
    return {
        name: version
        for name, (version, marker, _) in locked(lock).items()
        if _applies(name, marker)
    }


def declared(*, extra=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(requirement) for requirement in listed]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        ("requirements.txt", declared()),
        ("requirements-dev.txt", declared() + declared(extra="dev")),
    ],
)
def test_each_lock_pins_every_declared_dependency_with_hashes(lock, requirements):
    pins = locked(lock)
    assert len(pins) > len(requirements)  # the dependencies of dependencies too
    for requirement in requirements:
        version, _, _ = pins[requirement.name.lower()]
        assert requirement.specifier.contains(version), f"{requirement} but {lock} has {version}"
    unhashed = [name for name, (_, _, hashes) in pins.items() if "--hash=sha256:" not in hashes]
    assert not unhashed


def test_production_runs_the_releases_the_tests_ran():
    # The same release and hashes; markers may differ, as the development lock also installs a
    # package for what only development needs (cffi for gevent under PyPy, say).
    production, development = locked("requirements.txt"), locked("requirements-dev.txt")
    for name, (version, _, hashes) in production.items():
        assert development[name][0] == version, name
        assert development[name][2] == hashes, name
    assert "pytest" not in production


def test_the_environment_is_installed_from_the_lock():
    for name, version in applicable("requirements-dev.txt").items():
        assert metadata.version(name) == version, name


def test_the_image_installs_the_production_lock_and_nothing_else():
    installs = re.findall(r"pip install[^\n]*", (ROOT / "Dockerfile").read_text())
    assert installs == [
        "pip install --require-hashes --no-deps --only-binary :all: -r requirements.txt"
    ]


class FakeVulnerabilityService(http.server.BaseHTTPRequestHandler):
    """Answer OSV queries: the packages in `vulnerable` have one advisory, others none."""

    vulnerable = {}
    queries = []

    def do_POST(self):
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.queries.append(query)
        name, version = query["package"]["name"], query["version"]
        body = {}
        if name in self.vulnerable:
            body = {
                "vulns": [
                    {
                        "id": self.vulnerable[name],
                        "summary": f"{name} {version} lets anyone in.",
                        "affected": [
                            {
                                "package": {"name": name, "ecosystem": "PyPI"},
                                "ranges": [{"type": "ECOSYSTEM", "events": [{"fixed": "999.0"}]}],
                            }
                        ],
                    }
                ]
            }
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def service():
    FakeVulnerabilityService.vulnerable = {}
    FakeVulnerabilityService.queries = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeVulnerabilityService)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield FakeVulnerabilityService, f"http://127.0.0.1:{server.server_port}/v1/query"
    server.shutdown()
    server.server_close()


def audit(osv_url, tmp_path):
    """Run CI's audit step as .ci/run does, asking the given OSV address."""
    arguments = ["--vulnerability-service", "osv", "--osv-url", osv_url]
    return subprocess.run(
        [sys.executable, ROOT / ".ci" / "audit.py", *arguments, "--cache-dir", tmp_path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_audit_fails_on_a_known_vulnerability(service, tmp_path):
    handler, url = service
    handler.vulnerable = {"django": "PYSEC-0000-1"}
    result = audit(url, tmp_path)
    django = locked("requirements.txt")["django"][0]
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"django {django}: PYSEC-0000-1 (fixed in 999.0)" in result.stdout
    assert {query["package"]["name"] for query in handler.queries} == set(
        applicable("requirements-dev.txt")
    )


def test_audit_passes_when_no_locked_release_has_a_known_vulnerability(service, tmp_path):
    _, url = service
    result = audit(url, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    packages = len(applicable("requirements-dev.txt"))
    assert f"No known vulnerability in the {packages} locked packages." in result.stdout


def test_audit_says_nothing_was_audited_when_the_service_cannot_be_reached(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = audit(f"http://127.0.0.1:{port}/v1/query", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("NOT AUDITED: the vulnerability service could not be reached")
