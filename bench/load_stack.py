"""The load benchmark's machinery (bench/load.py): the processes it starts besides gunicorn
(a Redis of its own, a Celery worker and beat, locust runs of bench/load_mix.py), the CPU each
used, and what the site confirmed against what the database holds and the SMTP server got.
"""

import contextlib
import csv
import json
import os
import resource
import subprocess
import time
from pathlib import Path

import psutil  # locust's dependency
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


class Locust:
    """Headless locust runs of bench/load_mix.py against one site, `users` users each.

    Each run takes the next `writers_per_run` writers of the pool in the config: no reader
    writes twice.
    """

    def __init__(self, url, folder: Path, config: Path, *, users, seconds, writers_per_run):
        self.url = url
        self.folder = folder
        self.config = config
        self.users = users
        self.seconds = seconds
        self.writers_per_run = writers_per_run
        self.runs_started = 0

    def start(self, name, *, user_class="Reader", seconds=None):
        """Start a run; return its process and where its results will be."""
        results = self.folder / f"{name}.json"
        environ = {**os.environ, "LOAD_CONFIG": str(self.config), "LOAD_RESULTS": str(results)}
        environ["LOAD_WRITER_OFFSET"] = str(self.runs_started * self.writers_per_run)
        self.runs_started += 1
        users = str(self.users)
        command = [common.BIN / "locust", "-f", common.ROOT / "bench" / "load_mix.py", user_class]
        command += ["--headless", "--host", self.url, "-u", users, "-r", users]
        command += ["-t", f"{seconds or self.seconds}s", "--csv", self.folder / name]
        command += ["--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"]
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=common.ROOT,
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / f"{name}.log").open("wb"),
        )
        return process, results

    def finish(self, process, name, results):
        """Wait for a run to end; return its figures per page and what load_mix.py wrote."""
        process.wait(timeout=self.seconds + 120)
        with (self.folder / f"{name}_stats.csv").open() as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
        figures = {
            page: {
                "requests": int(row["Request Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"]),
                "p99": float(row["99%"]),
                "errors": int(row["Failure Count"]),
            }
            for page, row in rows.items()
        }
        outcome = json.loads(results.read_text()) if results.exists() else {}
        return figures, outcome


def children_cpu():
    """CPU seconds used by this script's children that have ended: each locust run."""
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
