"""The load benchmark's machinery (bench/load.py): the processes it starts besides gunicorn
(a Redis of its own, a Celery worker and beat, wrk runs of bench/load_mix.lua), the CPU each
used, and what the site confirmed against what the database holds and the SMTP server got.
"""

import contextlib
import math
import os
import resource
import subprocess
import time
import uuid
from collections import defaultdict
from pathlib import Path

import psutil
import psycopg

from bench import common


def redis_server(folder: Path, port: int):
    """This benchmark's own Redis: never the shared one, which other people's work uses."""
    return subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder)]
        + ["--appendonly", "yes", "--save", ""],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for_redis(port, seconds=20):
    """Wait until the Redis on `port` answers a ping."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ping = subprocess.run(
            ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True, check=False
        )
        if ping.stdout.strip() == "PONG":
            return
        time.sleep(0.1)
    raise RuntimeError(f"Redis on port {port} does not answer")


class Celery:
    """A worker and beat, as compose runs them; the worker can be killed and started again."""

    def __init__(self, environ, folder: Path):
        self.environ = environ
        self.folder = folder
        self.worker = self._start("worker", "--concurrency=1", "--without-gossip")
        self.beat = self._start("beat", "--schedule", folder / "celerybeat-schedule")

    def _start(self, kind, *arguments):
        log = (self.folder / f"{kind}.log").open("ab")
        return subprocess.Popen(
            [common.BIN / "celery", "-A", "veridact", kind, "--loglevel=INFO", *arguments],
            cwd=common.ROOT,
            env=self.environ,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def cpu(self):
        """CPU seconds the worker (with its pool) and beat have used so far."""
        return sum(process_cpu(process.pid) for process in (self.worker, self.beat))

    def kill_worker(self):
        os.killpg(self.worker.pid, 9)
        self.worker.wait()

    def restart_worker(self):
        self.worker = self._start("worker", "--concurrency=1", "--without-gossip")

    def stop(self):
        for process in (self.worker, self.beat):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 15)
            process.wait(timeout=30)


class Wrk:
    """wrk runs of bench/load_mix.lua against one site, one thread per connection.

    Each mix run takes the next `writers_per_run` readers of the pool in the config: no
    reader writes twice.
    """

    def __init__(self, url, folder: Path, config: Path, *, connections, seconds, writers_per_run):
        self.url = url
        self.folder = folder
        self.config = config
        self.connections = connections
        self.seconds = seconds
        self.writers_per_run = writers_per_run
        self.mix_runs = 0

    def start(self, name, *, mode="mix", seconds=None):
        """Start a run; return its process and where its results will be."""
        results = self.folder / f"{name}.tsv"
        first_writer = self.mix_runs * self.writers_per_run
        self.mix_runs += mode == "mix"
        connections = str(self.connections)
        command = ["wrk", "-t", connections, "-c", connections, "-d", f"{seconds or self.seconds}s"]
        command += ["--timeout", "30s", "-s", common.ROOT / "bench" / "load_mix.lua", self.url]
        command += ["--", self.config, results, first_writer, self.writers_per_run, connections]
        command += [mode, uuid.uuid4().hex[:8]]
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=common.ROOT,
            stdout=(self.folder / f"{name}.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        return process, results

    def finish(self, process, name, results):
        """Wait for a run to end; return its figures per page and what the site confirmed:
        {"written": {"comments": […], "forecasts": […], "subscribers": […]},
        "troubles": [(time, page, status or "connection"), …] (5xx and failed connections),
        "socket_errors": wrk's own count of each kind}: a request that failed on its
        connection is among the troubles too, when its connection's next request is made."""
        process.wait(timeout=self.seconds + 120)
        if process.returncode or not results.exists():
            log = (self.folder / f"{name}.log").read_text()
            raise RuntimeError(f"wrk run {name} failed:\n{log}")
        latencies, failures = defaultdict(list), defaultdict(int)
        written = {"comments": [], "forecasts": [], "subscribers": []}
        troubles = []
        for line in results.read_text().splitlines():
            kind, *fields = line.split("\t")
            if kind == "duration":
                duration = float(fields[0])
            elif kind == "socket errors":
                kinds = ("connect", "read", "write", "timeout")
                socket_errors = dict(zip(kinds, map(int, fields), strict=True))
            elif kind == "latency":
                latencies[fields[0]].append(float(fields[1]))
            elif kind == "failure":
                page, at, status = fields
                failures[page] += 1
                if status == "connection" or int(status) >= 500:
                    troubles.append((float(at), page, status))
            elif kind == "written":
                what, *values = fields
                if what == "forecast":
                    values[2] = int(values[2])
                    written["forecasts"].append(values)
                else:
                    written[f"{what}s"].append(values[0])
        every = [took for values in latencies.values() for took in values]
        figures = {
            page: _figures(values, failures[page], duration)
            for page, values in [*latencies.items(), ("Aggregated", every)]
        }
        figures["Aggregated"]["errors"] = sum(failures.values())
        return figures, {"written": written, "troubles": troubles, "socket_errors": socket_errors}


def _figures(latencies, errors, duration):
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / duration,
        "p50": _percentile(ordered, 50),
        "p99": _percentile(ordered, 99),
        "errors": errors,
    }


def _percentile(ordered, percent):
    """The nearest-rank percentile of a sorted list."""
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def lua_literal(value):
    """`value` (dicts, lists, strings of printable ASCII and numbers) written as Lua."""
    if isinstance(value, dict):
        pairs = (f"[{lua_literal(key)}] = {lua_literal(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "{" + ", ".join(lua_literal(item) for item in value) + "}"
    if isinstance(value, str):
        if not (value.isascii() and value.isprintable()):
            raise ValueError(f"Not a string the load mix reads: {value!r}")
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def children_cpu():
    """CPU seconds used by this script's children that have ended: each wrk run."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid):
    """CPU seconds used so far by a running process and its children (gunicorn's workers)."""
    parent = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [parent, *parent.children(recursive=True)])


def cpu_seconds():
    """CPU time used by everything on the machine so far (user + system), from /proc/stat."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system = (int(value) for value in fields[:3])
    return (user + nice + system) / os.sysconf("SC_CLK_TCK")


def check_writes(database_url, written):
    """Count what the site confirmed against what the database holds."""
    with psycopg.connect(database_url) as connection:
        comments = connection.execute(
            "SELECT count(*) FROM accounts_comment WHERE body = ANY(%s)", [written["comments"]]
        ).fetchone()[0]
        subscribers = connection.execute(
            "SELECT count(*) FROM newsletter_subscriber WHERE email = ANY(%s)",
            [written["subscribers"]],
        ).fetchone()[0]
        rows = connection.execute(
            "SELECT u.email, p.slug, f.probability FROM predictions_forecast f "
            "JOIN accounts_user u ON u.id = f.reader_id "
            "JOIN predictions_prediction p ON p.id = f.prediction_id WHERE f.is_current"
        )
        current = {(email, slug): probability for email, slug, probability in rows}
    # A reader's later forecast on the same prediction replaces the earlier one.
    last_told = {(email, slug): probability for email, slug, probability in written["forecasts"]}
    forecasts = sum(current.get(key) == probability for key, probability in last_told.items())
    return {
        "comments": (len(written["comments"]), comments),
        "forecasts": (len(last_told), forecasts),
        "subscribers": (len(written["subscribers"]), subscribers),
    }


def wait_for_confirmations(smtp, emails, seconds=180):
    """Wait for an email to each address; return how many got one, and how many extra came."""
    deadline = time.monotonic() + seconds
    wanted = set(emails)
    while time.monotonic() < deadline:
        if wanted <= set(smtp.mailbox.recipients()):
            break
        time.sleep(1)
    received = [address for address in smtp.mailbox.recipients() if address in wanted]
    return len(set(received)), len(received) - len(set(received))
