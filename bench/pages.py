"""Page throughput: home, a category page and an article page beside a bare Django view.

Serves the demo site with gunicorn on PostgreSQL and Redis, loads it with wrk, and prints a
Markdown section. Each page is measured three ways — served from the page cache, missing
the page cache (what follows any invalidation), and with no cache at all — and compared
with the bare view served by the same gunicorn in the same run.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "veridact_bench_pages"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
DURATION = os.environ.get("BENCH_DURATION", "5s")
# This machine's speed wanders from second to second (a shared VM): every page and the
# baseline are measured in turns, several rounds, and each figure is the median.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = 16
MODES = {
    "cached": "bench.settings",
    "page-cache miss": "bench.settings_page_miss",
    "no cache": "bench.settings_uncached",
}
# The targets: a cached article page, and an uncached one (a page-cache miss).
TARGETS = {"cached": 0.70, "page-cache miss": 0.25}
BARE = "Bare Django view"


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


def prepare(environ):
    if not shutil.which("wrk"):
        log("Installing wrk")
        run("apt-get", "install", "-y", "-qq", "wrk")
    for statement in (
        f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {DATABASE}",
    ):
        run("psql", "-q", f"{PG}/test", "-c", statement)
    run("redis-cli", "-u", REDIS_URL, "flushdb")
    manage = [sys.executable, "manage.py"]
    run(*manage, "migrate", "--noinput", env=environ)
    run(*manage, "seed_demo", env=environ)
    run(*manage, "collectstatic", "--noinput", env=environ)
    code = (
        "from articles.models import Article; "
        "a = Article.objects.published().select_related('category').first(); "
        "print(a.category.get_absolute_url()); print(a.get_absolute_url())"
    )
    category, article = run(*manage, "shell", "-c", code, env=environ, capture=True).split()[-2:]
    return {
        "Bare Django view": "/bench/bare/",
        "Home": "/",
        "Category": category,
        "Article": article,
    }


def serve(environ, settings_module):
    port = free_port()
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            "veridact.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(os.cpu_count() or 2),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**environ, "DJANGO_SETTINGS_MODULE": settings_module},
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/bench/bare/", timeout=2).read()  # noqa: S310
            return server, base
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.3)


def _milliseconds(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load(url, duration=DURATION):
    for _ in range(20):  # warm the page cache and each worker's connections
        urllib.request.urlopen(url, timeout=10).read()  # noqa: S310
    output = run("wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "--latency", url, capture=True)
    if "Non-2xx" in output:
        raise RuntimeError(f"{url} answered errors under load:\n{output}")
    latencies = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s))\s*$", output, re.M))
    if set(latencies) != {"50", "99"}:
        raise RuntimeError(f"Could not read latencies from wrk:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(latencies["50"]),
        "p99": _milliseconds(latencies["99"]),
    }


def main():
    environ = {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "ALLOW_INSECURE_SITE_URL": "true",
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
    }
    pages = prepare(environ)
    results = {}
    for mode, settings_module in MODES.items():
        server, base = serve(environ, settings_module)
        try:
            for path in pages.values():  # a fresh server is slow for its first seconds
                load(f"{base}{path}", duration="3s")
            runs = {name: [] for name in pages}
            for round_number in range(1, ROUNDS + 1):
                for name, path in pages.items():
                    log(f"{mode}, round {round_number}: {name} {path}")
                    runs[name].append(load(f"{base}{path}"))
            for name, measured in runs.items():
                results[mode, name] = {
                    key: statistics.median(run[key] for run in measured) for key in measured[0]
                }
            results[mode, "baseline runs"] = [run["rps"] for run in runs[BARE]]
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)

    lines = [
        "## Pages (`bench/pages.py`)",
        "",
        f"gunicorn ({os.cpu_count()} gthread workers × 4 threads) on PostgreSQL and Redis "
        "with the demo content; wrk (sending `Accept-Encoding: gzip`, as browsers do) with "
        f"{CONNECTIONS} connections for {DURATION} per run, on the same machine; each row is "
        f"the median of {ROUNDS} runs, taken in turns with the other pages and the baseline. "
        "*Cached*: pages served from the anonymous page cache in Redis. "
        "*Page-cache miss*: the page cache off, so every request renders the page (what the "
        "first reader after an invalidation gets); the article page still comes from its "
        "parts kept in Redis (`articles/fragments.py`) when they have not changed, as they "
        "have not after some other article changed. *No cache*: no cache layer at all. "
        "Ratios compare with the bare view served by the same gunicorn in the same rounds "
        "(its runs are listed below the table). Every server is warmed up with a 3 s run on "
        "each page first.",
        "",
        "| Page | Mode | Requests/s | p50 (ms) | p99 (ms) | vs bare view |",
        "|---|---|---:|---:|---:|---:|",
    ]
    verdicts = [
        f"- Bare view runs ({mode}): "
        + ", ".join(f"{rps:.0f}" for rps in results[mode, "baseline runs"])
        + " requests/s."
        for mode in MODES
    ]
    for mode in MODES:
        bare = results[mode, BARE]["rps"]
        for name in pages:
            figures = results[mode, name]
            ratio = figures["rps"] / bare
            lines.append(
                f"| {name} | {mode} | {figures['rps']:.0f} | {figures['p50']:.2f} | "
                f"{figures['p99']:.2f} | {ratio:.0%} |"
            )
        article_ratio = results[mode, "Article"]["rps"] / bare
        if mode in TARGETS:
            met = "met" if article_ratio >= TARGETS[mode] else "**not met**"
            verdicts.append(
                f"- Article page, {mode}: {article_ratio:.0%} of the bare view "
                f"(target ≥ {TARGETS[mode]:.0%}): {met}."
            )
        else:
            verdicts.append(f"- Article page, {mode}: {article_ratio:.0%} of the bare view.")
    print("\n".join([*lines, "", *verdicts]))


if __name__ == "__main__":
    main()
