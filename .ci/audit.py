"""Audit the locked dependencies for known vulnerabilities with pip-audit.

Fails on any known vulnerability in requirements.txt or requirements-dev.txt, and on any locked
package that could not be looked up while others could. pip-audit asks PyPI's JSON API
(`/pypi/<name>/<version>/json`) about each pinned release. Where that API cannot be reached at
all (a sandbox that lets through only the package index answers 404 for every release),
nothing was audited: the script says so on stdout in capitals and does not fail, since the
absence of an answer is not a vulnerability. Arguments are passed on to pip-audit (the tests
point it at a local stand-in for the vulnerability service).
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCKS = ["requirements.txt", "requirements-dev.txt"]
UNREACHABLE = re.compile(r"ConnectionError|ConnectTimeout|Could not connect|Failed to resolve")


def pip_audit(arguments):
    """Run pip-audit on the locks; return its JSON report, or None with its error output."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        command = [BIN / "pip-audit", "--require-hashes", "--disable-pip"]
        for lock in LOCKS:
            command += ["-r", ROOT / lock]
        command += ["--progress-spinner", "off", "-f", "json", "-o", report, *arguments]
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if not report.exists():
            return None, result.stderr
        return json.loads(report.read_text()), result.stderr


def not_audited(reason):
    print(f"NOT AUDITED: the vulnerability service could not be reached ({reason}).")
    print("The locked dependencies were not checked for known vulnerabilities in this run.")


def main(arguments):
    report, errors = pip_audit(arguments)
    if report is None:
        lines = errors.strip().splitlines() or ["no output"]
        if UNREACHABLE.search(errors):
            not_audited(lines[-1])
            return 0
        print(f"pip-audit failed:\n{errors}")
        return 1
    # Both locks pin the same releases: count each once.
    packages = {(item["name"], item.get("version")): item for item in report["dependencies"]}
    vulnerable = [item for item in packages.values() if item.get("vulns")]
    skipped = [item for item in packages.values() if "skip_reason" in item]
    for item in vulnerable:
        for vuln in item["vulns"]:
            fixed = ", ".join(vuln["fix_versions"]) or "no fixed release"
            print(f"{item['name']} {item['version']}: {vuln['id']} (fixed in {fixed})")
            print(f"    {vuln.get('description', '')[:300]}")
    if vulnerable:
        print(f"{len(vulnerable)} locked package(s) with known vulnerabilities.")
        return 1
    if skipped and len(skipped) == len(packages):
        not_audited(skipped[0]["skip_reason"])
        return 0
    if skipped:
        for item in skipped:
            print(f"{item['name']}: {item['skip_reason']}")
        print(f"{len(skipped)} locked package(s) could not be audited.")
        return 1
    print(f"No known vulnerability in the {len(packages)} locked packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
