"""Run the benchmarks in bench/ and write their sections into docs/benchmarks.md.

`make bench` runs them all; `make bench BENCH="pages"` runs the named ones and replaces
only their sections. Each benchmark is a script that prints one Markdown section.
"""

import datetime
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
HELPERS = {"run", "urls", "__init__", "common", "load_mix", "load_stack", "mailing"}
MARKER = "<!-- bench:{name} -->"


def available():
    return sorted(
        path.stem
        for path in (ROOT / "bench").glob("*.py")
        if path.stem not in HELPERS and not path.stem.startswith("settings")
    )


def machine():
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = re.findall(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = models[0] if models else cpu
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def measured_on(section):
    """The section with the day and the machine it was measured on under its heading."""
    heading, _, rest = section.partition("\n")
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    return f"{heading}\n\n*Measured on {today}, {machine()}.*\n{rest}"


def existing_sections():
    if not DOC.exists():
        return {}
    text = DOC.read_text()
    pattern = re.compile(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->\n", re.S)
    return dict(pattern.findall(text))


def main(names):
    sections = existing_sections()
    for name in names:
        print(f"==> bench/{name}.py", flush=True)
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / f"{name}.py")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        if result.returncode != 0:
            sys.exit(f"bench/{name}.py failed with exit code {result.returncode}")
        sections[name] = measured_on(result.stdout.strip()) + "\n"
        print(result.stdout)
    parts = [
        "# Benchmarks\n",
        "Written by `make bench` (`bench/run.py`); every ratio compares figures measured in the "
        "same run on the same machine. The benchmarks run one at a time, sometimes on machines "
        "of different speeds, so each section says when and on what it was measured: compare "
        "ratios within a section, not figures across sections.\n",
    ]
    for name in sorted(sections):
        parts.append(f"{MARKER.format(name=name)}\n{sections[name]}<!-- /bench:{name} -->\n")
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text("\n".join(parts))
    print(f"Wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    requested = sys.argv[1:] or available()
    unknown = set(requested) - set(available())
    if unknown:
        sys.exit(f"Unknown benchmark(s): {', '.join(sorted(unknown))}; have {available()}")
    main(requested)
