"""Pages: home, a category page and an article page beside a bare Django view.

Serves the demo site with gunicorn on PostgreSQL and Redis and loads it with wrk. Each page
is measured three ways — served from the page cache, missing the page cache (what follows an
invalidation of the page), and with no cache at all — against the bare view served by the
same gunicorn in the same rounds; the cached pages again at 64 connections for their p99;
the home and article pages at 64 connections while an article edit is made every second,
counting the renders (single flight: one per page and invalidation); and single renders
through Django's test client with no cache at all. Prints a Markdown section (what goes cold
per event is bench/cold.py's).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import common  # noqa: E402 (after the path is set)

DATABASE = "veridact_bench_pages"
DURATION = os.environ.get("BENCH_DURATION", "5s")
# This machine's speed wanders from second to second (a shared VM): every page and the
# baseline are measured in turns, several rounds, and each figure is the median.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
RENDERS = int(os.environ.get("BENCH_RENDERS", "5"))
CONNECTIONS, MANY = 16, 64
INVALIDATION_SECONDS = int(os.environ.get("BENCH_INVALIDATION_SECONDS", "10"))
MODES = {
    "cached": "bench.settings",
    "page-cache miss": "bench.settings_page_miss",
    "no cache": "bench.settings_uncached",
}
BARE = "Bare Django view"
PAGES = ("Home", "Category", "Article")
# Issue 13's targets: the share of the bare view's requests/s, and single renders in ms.
SHARE_TARGETS = {
    "cached": dict.fromkeys(PAGES, 1.00),
    "page-cache miss": {"Home": 0.25, "Category": 0.25, "Article": 0.40},
    "no cache": dict.fromkeys(PAGES, 0.06),
}
RENDER_TARGETS = {"Home": 10, "Category": 5, "Article": 15}
# The article page again, its text not kept beside it either (RenderedText): its first view
# after an edit of it, or after a deploy of new code.
ARTICLE_FIRST = "Article, its text not kept"
# Counts the page cache's answers by its X-Page-Cache header, over every wrk thread.
STATES_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hit, stale, miss = 0, 0, 0 end
function response(status, headers, body)
  local state = headers["X-Page-Cache"]
  if state == "hit" then hit = hit + 1
  elseif state == "stale" then stale = stale + 1
  elseif state == "miss" then miss = miss + 1 end
end
function done(summary, latency, requests)
  local h, s, m = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hit"); s = s + thread:get("stale"); m = m + thread:get("miss")
  end
  io.write(string.format("states hit=%d stale=%d miss=%d\\n", h, s, m))
end
"""
# Edits an article every second (the scopes its save names) until killed.
INVALIDATOR = """
import time
from types import SimpleNamespace
from articles.models import Article
from pagecache.dependencies import EVENTS
from pagecache.versions import invalidate
article = Article.objects.published().select_related("category").order_by("-published_at").first()
on = SimpleNamespace(address=(article.category.slug, article.slug))
scopes = EVENTS["An article edited"](on)
print("ready", flush=True)
while True:
    time.sleep(1)
    invalidate(*scopes)
    print("invalidated", flush=True)
"""


def serve(environ, settings_module):
    """gunicorn as common.gunicorn starts it; ready once the bare view answers (with no cache
    at all, /healthz says the cache is down)."""
    port = common.free_port()
    command = [common.BIN / "gunicorn", "--config", common.ROOT / "deploy" / "gunicorn.conf.py"]
    command += ["veridact.wsgi", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return common.Server(
        command,
        env={**environ, "DJANGO_SETTINGS_MODULE": settings_module},
        ready_path="/bench/bare/",
        url=f"http://127.0.0.1:{port}",
        name="gunicorn",
    )


def pages_of(environ):
    code = (
        "from articles.models import Article\n"
        "a = Article.objects.published().select_related('category')"
        ".order_by('-published_at').first()\n"
        "print(a.category.get_absolute_url(), a.get_absolute_url())\n"
    )
    category, article = common.shell(environ, code).split()
    return {BARE: "/bench/bare/", "Home": "/", "Category": category, "Article": article}


def _milliseconds(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def load(url, *, duration=DURATION, connections=CONNECTIONS, script=None):
    for _ in range(20):  # warm the page cache and each worker's connections
        urllib.request.urlopen(url, timeout=10).read()  # noqa: S310
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency"]
    command += ["-H", "Accept-Encoding: gzip"]  # as browsers send it
    if script:
        command += ["-s", script]
    output = common.run(*command, url, capture=True)
    if "Non-2xx" in output:
        raise RuntimeError(f"{url} answered errors under load:\n{output}")
    latencies = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s))\s*$", output, re.M))
    if set(latencies) != {"50", "99"}:
        raise RuntimeError(f"Could not read latencies from wrk:\n{output}")
    figures = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(latencies["50"]),
        "p99": _milliseconds(latencies["99"]),
    }
    if states := re.search(r"states hit=(\d+) stale=(\d+) miss=(\d+)", output):
        figures.update(zip(("hit", "stale", "miss"), map(int, states.groups()), strict=True))
    return figures


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def spread(runs, key, digits=0):
    values = [run[key] for run in runs]
    return f"{median(runs, key):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def throughput(environ, pages):
    """{(mode, page): [runs]}, and {page: [runs at 64 connections]} of the cached pages."""
    results, many = {}, {}
    for mode, settings_module in MODES.items():
        server = serve(environ, settings_module)
        try:
            for path in pages.values():  # a fresh server is slow for its first seconds
                load(f"{server.url}{path}", duration="3s")
            for round_number in range(1, ROUNDS + 1):
                for name, path in pages.items():
                    common.log(f"{mode}, round {round_number}: {name} {path}")
                    results.setdefault((mode, name), []).append(load(f"{server.url}{path}"))
                    if mode == "cached":
                        runs = many.setdefault(name, [])
                        runs.append(load(f"{server.url}{path}", connections=MANY))
        finally:
            server.stop()
    return results, many


def under_invalidation(environ, pages, script):
    """The home and article pages at 64 connections, cached, then with an edit every second."""
    server = serve(environ, "bench.settings")
    figures = {}
    try:
        for name in ("Home", "Article"):
            url = f"{server.url}{pages[name]}"
            load(url, duration="3s", connections=MANY, script=script)
            for round_number in range(1, ROUNDS + 1):
                common.log(f"invalidation, round {round_number}: {name}")
                quiet = load(url, duration="5s", connections=MANY, script=script)
                invalidator = subprocess.Popen(
                    [sys.executable, "manage.py", "shell", "--no-imports", "-c", INVALIDATOR],
                    cwd=common.ROOT,
                    env=environ,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                try:
                    assert invalidator.stdout.readline().strip() == "ready"
                    seconds = f"{INVALIDATION_SECONDS}s"
                    busy = load(url, duration=seconds, connections=MANY, script=script)
                finally:
                    invalidator.terminate()
                    output, _ = invalidator.communicate(timeout=30)
                busy["invalidations"] = output.count("invalidated")
                figures.setdefault(name, []).append((quiet, busy))
                time.sleep(1)
    finally:
        server.stop()
    return figures


SINGLE_RENDERS = """
import json, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from articles.models import RenderedText
client, results = Client(), {}
pages, not_kept = json.loads(sys.stdin.readline()), set(json.loads(sys.stdin.readline()))
for name, path in pages.items():
    times, cpu = [], []
    for attempt in range(RENDERS + 1):
        if name in not_kept:
            RenderedText.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            started, processor = time.perf_counter(), time.process_time()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
            used = (time.process_time() - processor) * 1000
        assert response.status_code == 200, (path, response.status_code)
        if attempt:
            times.append(elapsed)
            cpu.append(used)
    results[name] = {"times": times, "cpu": cpu, "queries": len(queries)}
print(json.dumps(results))
"""


def single_renders(environ, pages):
    """Each page rendered through the test client with no cache at all (median of RENDERS)."""
    common.log("single renders")
    code = SINGLE_RENDERS.replace("RENDERS", str(RENDERS))
    pages = {**pages, ARTICLE_FIRST: pages["Article"]}
    rounds = []
    for _ in range(ROUNDS):
        output = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup()\n{code}"],
            cwd=common.ROOT,
            env={
                **environ,
                "DJANGO_SETTINGS_MODULE": "bench.settings_uncached",
                "ALLOWED_HOSTS": "testserver",
            },
            input=json.dumps(pages) + "\n" + json.dumps([ARTICLE_FIRST]) + "\n",
            check=True,
            text=True,
            stdout=subprocess.PIPE,
        ).stdout
        rounds.append(json.loads(output.strip().splitlines()[-1]))
    return {
        name: {
            "medians": [statistics.median(one[name]["times"]) for one in rounds],
            "cpu": statistics.median(cpu for one in rounds for cpu in one[name]["cpu"]),
            "queries": rounds[-1][name]["queries"],
        }
        for name in pages
    }


def report(pages, results, many, invalidation, renders, loads):
    lines = [
        "## Pages (`bench/pages.py`)",
        "",
        f"gunicorn ({os.cpu_count()} gthread workers × 4 threads) on PostgreSQL and Redis with "
        "the demo content; wrk (sending `Accept-Encoding: gzip`, as browsers do) on the same "
        f"machine, {CONNECTIONS} connections for {DURATION} a run unless said otherwise. "
        f"Every figure is the median of {ROUNDS} rounds, with their range, each round taking "
        "the pages and the bare view in turns; ratios compare with the bare view served by the "
        "same gunicorn in the same rounds. The machine's load average (1 min) was "
        f"{loads[0]:.1f} when the run began and {loads[1]:.1f} when it ended, on "
        f"{os.cpu_count()} cores: absolute figures wander with the machine's other work (the "
        "bare view's own runs show by how much), so the ratios are the figures to read. "
        "*Cached*: pages served from the anonymous page cache in Redis. "
        "*Page-cache miss*: the page cache off, so every request renders the page, as the "
        "first request after an invalidation of that page does; the pages still come from "
        "their parts (`articles/home.py`, `articles/category_page.py`, `articles/fragments.py`) "
        "when those have not changed. *No cache*: no cache layer at all. Each server is warmed "
        "up with a 3 s run on each page first.",
        "",
        "| Page | Mode | Requests/s | p50 (ms) | p99 (ms) | vs bare view | Target | Met |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for mode in MODES:
        bare = median(results[mode, BARE], "rps")
        for name in pages:
            runs = results[mode, name]
            share = median(runs, "rps") / bare
            target = SHARE_TARGETS[mode].get(name)
            verdict = ["", ""] if target is None else [f"≥ {target:.0%}", _met(share >= target)]
            lines.append(
                f"| {name} | {mode} | {spread(runs, 'rps')} | {median(runs, 'p50'):.1f} | "
                f"{median(runs, 'p99'):.1f} | {share:.0%} | {' | '.join(verdict)} |"
            )
    lines += [
        "",
        f"Cached, at {MANY} connections:",
        "",
        "| Page | Requests/s | p50 (ms) | p99 (ms) | vs bare view |",
        "|---|---:|---:|---:|---:|",
    ]
    bare = median(many[BARE], "rps")
    for name in pages:
        runs = many[name]
        lines.append(
            f"| {name} | {spread(runs, 'rps')} | {median(runs, 'p50'):.1f} | "
            f"{spread(runs, 'p99', 1)} | {median(runs, 'rps') / bare:.0%} |"
        )
    lines += [
        "",
        f"Single flight: each page cached, {MANY} connections for 5 s, then for "
        f"{INVALIDATION_SECONDS} s while an article edit (the scopes its save names: the "
        "published articles, its category's, its own) is made every second by another "
        "process. *Renders* are the requests the page cache answered `X-Page-Cache: miss` "
        "(rendered for them), *stale* those answered with the copy being replaced while "
        "another rendered it. Target: one render per page and invalidation, and the p99 "
        "while invalidating within twice the quiet p99.",
        "",
        "| Page | Invalidations | Renders | Stale copies served | Requests | p99 quiet (ms) "
        "| p99 invalidating (ms) | Ratio | Met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, runs in invalidation.items():
        for quiet, busy in runs:
            requests = busy["hit"] + busy["stale"] + busy["miss"]
            ratio = busy["p99"] / quiet["p99"]
            once = busy["miss"] <= busy["invalidations"] + 1
            lines.append(
                f"| {name} | {busy['invalidations']} | {busy['miss']} | {busy['stale']} | "
                f"{requests:,} | {quiet['p99']:.1f} | {busy['p99']:.1f} | {ratio:.1f}× | "
                f"{_met(once and ratio <= 2)} |"
            )
    lines += [
        "",
        "Single renders through Django's test client, DEBUG off, no cache at all (every part "
        f"of every page rendered): the median of {RENDERS} renders after a warm-up, in each "
        f"of {ROUNDS} runs; the median of those, with their range. *CPU*: the median CPU time "
        "the rendering process used for one render (the database works in its own process). "
        "An article's head and body are rendered once per edit or deploy and kept beside it "
        f"(`RenderedText`), which *Article* reads; *{ARTICLE_FIRST}* renders them too, as "
        "the first view after an edit or a deploy does.",
        "",
        "| Page | Render (ms) | CPU (ms) | Queries | Target | Met |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, figures in renders.items():
        values = figures["medians"]
        target = RENDER_TARGETS.get(name)
        verdict = ["", ""] if target is None else [f"≤ {target} ms"]
        if target is not None:
            verdict.append(_met(statistics.median(values) <= target))
        lines.append(
            f"| {name} | {statistics.median(values):.1f} ({min(values):.1f}–{max(values):.1f})"
            f" | {figures['cpu']:.1f} | {figures['queries']} | {' | '.join(verdict)} |"
        )
    return "\n".join(lines)


def _met(ok):
    return "yes" if ok else "**no**"


def main():
    common.apt_install("wrk", "wrk")
    load_before = os.getloadavg()[0]
    environ = common.environment(DATABASE)
    common.prepare(environ, DATABASE)
    pages = pages_of(environ)
    results, many = throughput(environ, pages)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(STATES_LUA)
        script.flush()
        invalidation = under_invalidation(environ, pages, script.name)
    renders = single_renders(environ, pages)
    loads = (load_before, os.getloadavg()[0])
    print(report(pages, results, many, invalidation, renders, loads))


if __name__ == "__main__":
    main()
