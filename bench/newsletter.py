"""Digest throughput: 10,000 and 100,000 confirmed subscribers, two Celery workers, smtp-sink.

Creates its own PostgreSQL database, starts Postfix's smtp-sink (accepts and discards) and
two `celery worker --pool=solo` processes on Redis, sends one digest issue per size and
prints a Markdown section. The ceiling is a plain smtplib loop sending prebuilt messages of
the same size over one connection to the same smtp-sink, in the same run.
"""

import contextlib
import os
import re
import secrets
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATABASE = "veridact_bench_newsletter"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_NEWSLETTER_REDIS_URL", "redis://127.0.0.1:6379/6")
SIZES = [int(size) for size in os.environ.get("BENCH_NEWSLETTER_SIZES", "10000,100000").split(",")]
WORKERS = 2
CEILING_MESSAGES = 20_000
TARGET_RATE = 1000
TARGET_SHARE = 0.5
TARGET_MEMORY_MB = 250

sys.path.insert(0, str(ROOT))


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def smtp_sink_path():
    path = shutil.which("smtp-sink") or "/usr/sbin/smtp-sink"
    if not os.path.exists(path):
        log("Installing postfix for smtp-sink (the postfix service is not started)")
        environ = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "postfix"],
            env=environ,
            check=True,
            stdout=sys.stderr,
        )
    return path


def prepare_database(environ):
    for statement in (
        f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)",
        f"CREATE DATABASE {DATABASE}",
    ):
        subprocess.run(["psql", "-q", f"{PG}/postgres", "-c", statement], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=environ,
        check=True,
        stdout=sys.stderr,
    )


class SmtpSink:
    """Postfix's smtp-sink: counts DATA transactions (-c) and discards the mail."""

    def __init__(self, path, log_path):
        self.port = free_port()
        self.output = log_path.open("wb")
        self.log_path = log_path
        command = [path, "-c", "-u", "nobody", f"127.0.0.1:{self.port}", "1024"]
        self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.1)
        raise RuntimeError("smtp-sink did not start")

    def messages(self) -> int:
        self.output.flush()
        counts = re.findall(rb"mesg=(\d+)", self.log_path.read_bytes()[-4096:])
        return int(counts[-1]) if counts else 0

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)
        self.output.close()


def cpu_seconds(pid):
    """User plus system CPU time a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def vm_kb(pid, field):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))


class Worker:
    def __init__(self, number, environ, log_path):
        self.log_path = log_path
        self.output = log_path.open("wb")
        command = [
            str(BIN / "celery"),
            "-A",
            "veridact",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--hostname",
            f"bench{number}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environ, stdout=self.output, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while b" ready." not in log_path.read_bytes():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"worker {number} did not start:\n{log_path.read_text()}")
            time.sleep(0.2)
        self.idle_mb = vm_kb(self.process.pid, "VmRSS") / 1024

    def peak_mb(self):
        return vm_kb(self.process.pid, "VmHWM") / 1024

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.output.close()


def seed_articles():
    from django.utils import timezone

    from articles.models import Article, Category

    now = timezone.now()
    for number, category in enumerate(Category.objects.order_by("pk")):
        Article.objects.create(
            title=f"{category.name}: what to expect before the announcement",
            slug=f"bench-{category.slug}",
            category=category,
            headline=f"Our {category.name.lower()} forecast",
            summary=(
                "What we expect, why we expect it, and how confident we are: the analysis a "
                "reader needs before the headline, with the precedents and the scenarios. "
            )
            * 3,
            status=Article.Status.PUBLISHED,
            published_at=now - timezone.timedelta(minutes=30 + number),
            is_featured=number == 0,
        )


def seed_subscribers(count):
    """Replace every subscriber with `count` confirmed ones, spread over all 15 category sets."""
    from django.db import connection

    from articles.models import Category
    from newsletter.models import DigestIssue, Subscriber

    subscriber = Subscriber._meta.db_table
    through = Subscriber.categories.through._meta.db_table
    category = Category._meta.db_table
    issue = DigestIssue._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {subscriber}, {through}, {issue} RESTART IDENTITY CASCADE"  # noqa: S608
        )
        cursor.execute(
            f"INSERT INTO {subscriber} (email, mailbox, status, frequency, requested_at, "  # noqa: S608
            "consent_at, consent_ip, hard_bounces, created_at, updated_at) "
            # Plain addresses: each is its own canonical mailbox (newsletter.mailboxes).
            "SELECT 'reader' || g || '@bench.example', 'reader' || g || '@bench.example', "
            "'confirmed', 'daily', now(), now(), '192.0.2.1', 0, now(), now() "
            "FROM generate_series(1, %s) AS g",
            [count],
        )
        cursor.execute(
            f"INSERT INTO {through} (subscriber_id, category_id) "  # noqa: S608
            f"SELECT s.id, c.id FROM {subscriber} AS s JOIN "
            f"(SELECT id, row_number() OVER (ORDER BY id) - 1 AS bit FROM {category}) AS c "
            "ON (((s.id % 15) + 1) & (1 << c.bit::int)) <> 0"
        )
        cursor.execute("ANALYZE")


def prebuilt_messages(issue, count):
    from newsletter import sending

    renderer = sending._renderer(issue.pk)
    rows = issue.deliveries.select_related("subscriber").order_by("pk")[:count]
    return [
        (
            row.subscriber.email,
            renderer.message_bytes(
                delivery_id=row.pk,
                subscriber_id=row.subscriber_id,
                email=row.subscriber.email,
                category_key=row.category_ids,
            ),
        )
        for row in rows
    ]


def ceiling_rate(sink, messages):
    """Send prebuilt messages over one connection with plain smtplib: the ceiling."""
    connection = smtplib.SMTP("127.0.0.1", sink.port)
    started = time.perf_counter()
    for number in range(CEILING_MESSAGES):
        recipient, data = messages[number % len(messages)]
        connection.sendmail("newsroom@veridact.example", [recipient], data)
    elapsed = time.perf_counter() - started
    connection.quit()
    return CEILING_MESSAGES / elapsed


def queries_per_chunk(issue):
    """Run one full chunk again in this process and count its queries."""
    from django.db import connection

    from newsletter import sending
    from newsletter.models import Delivery

    sending._renderer(issue.pk)  # a worker reads the issue once, not per chunk
    rows = Delivery.objects.filter(issue=issue, chunk=0)
    size = rows.update(state=Delivery.State.QUEUED, sent_at=None, attempts=0)
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    assert report.sent == size, report
    return count, size


def run_size(count, environ, sink, logs):
    from unittest import mock

    import redis

    from newsletter import dispatch, issuing
    from newsletter.models import Delivery

    log(f"Seeding {count:,} subscribers")
    seed_subscribers(count)
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    workers = [Worker(n, environ, logs / f"worker{n}-{count}.log") for n in range(1, WORKERS + 1)]
    try:
        log("Freezing the recipients")
        started = time.perf_counter()
        with mock.patch.object(dispatch, "send_chunks"):
            issue = issuing.issue_create(frequency="daily", run=f"bench-{count}")
        freeze = time.perf_counter() - started
        messages = prebuilt_messages(issue, 2000)
        log("Measuring the smtplib ceiling before sending")
        ceilings = [ceiling_rate(sink, messages)]
        before = sink.messages()
        log(f"Sending {issue.recipients:,} emails in {issue.chunk_count} chunks")
        cpu_before = {
            "workers": sum(cpu_seconds(w.process.pid) for w in workers),
            "sink": cpu_seconds(sink.process.pid),
        }
        started = time.perf_counter()
        dispatch.send_chunks(issue.pk, range(issue.chunk_count))
        queued = Delivery.objects.filter(issue=issue, state=Delivery.State.QUEUED)
        while queued.exists():
            time.sleep(0.1)
            if time.perf_counter() - started > 1800:
                raise RuntimeError("digest not sent after 30 minutes")
        elapsed = time.perf_counter() - started
        cpu = {
            "workers": sum(cpu_seconds(w.process.pid) for w in workers) - cpu_before["workers"],
            "sink": cpu_seconds(sink.process.pid) - cpu_before["sink"],
        }
        time.sleep(0.5)
        received = sink.messages() - before
        sent = Delivery.objects.filter(issue=issue, state=Delivery.State.SENT).count()
        peaks = [worker.peak_mb() for worker in workers]
        idle = [worker.idle_mb for worker in workers]
    finally:
        for worker in workers:
            worker.stop()
    log("Measuring the smtplib ceiling after sending")
    ceilings.append(ceiling_rate(sink, messages))
    queries, chunk_size = queries_per_chunk(issue)
    client.flushdb()
    return {
        "count": count,
        "sent": sent,
        "received": received,
        "freeze": freeze,
        "elapsed": elapsed,
        "rate": count / elapsed,
        "peak": max(peaks),
        "idle": max(idle),
        "queries": queries,
        "chunk": chunk_size,
        "issue": issue,
        "cpu": cpu,
        "ceiling": sum(ceilings) / len(ceilings),
        "ceilings": ceilings,
        "size": sum(len(data) for _, data in messages) / len(messages),
    }


def markdown(results):
    small, large = results[0], results[-1]
    rate_ok = all(
        r["rate"] >= TARGET_RATE and r["rate"] >= TARGET_SHARE * r["ceiling"] for r in results
    )
    memory_ok = all(r["peak"] < TARGET_MEMORY_MB for r in results)
    growth = large["peak"] - small["peak"]
    exact = all(r["sent"] == r["count"] == r["received"] for r in results)

    def row(label, render, target=""):
        return f"| {label} | " + " | ".join(render(r) for r in results) + f" | {target} |"

    def cpu(r):
        parts = ("workers", "sink")
        return " / ".join(f"{r['cpu'][part] / r['count'] * 1e6:.0f} µs" for part in parts)

    lines = [
        "## Newsletter digests",
        "",
        f"One digest issue sent to confirmed subscribers by {WORKERS} `celery worker --pool=solo` "
        "processes on Redis and PostgreSQL, to Postfix's `smtp-sink` on localhost (accepts and "
        f"discards). Chunks of {small['chunk']} over one SMTP connection each (with PIPELINING); "
        "every email's sent-mark (one compare-and-set) is committed as its final dot leaves. "
        "Subscribers are spread over all 15 category sets, so 15 renderings serve everyone. "
        "The ceiling is a plain smtplib loop sending prebuilt messages of the same size "
        f"({small['size'] / 1024:.1f} KB) over one connection to the same smtp-sink, "
        f"{CEILING_MESSAGES:,} messages measured just before and just after each digest (the "
        "mean is used). Send time runs from enqueueing the chunks to the last row marked sent; "
        "freezing the recipients (writing the delivery rows) is timed apart.",
        "",
        "| Measure | " + " | ".join(f"{r['count']:,} subscribers" for r in results) + " | Target |",
        "|---|" + "---|" * len(results) + "---|",
        row("Emails/s", lambda r: f"**{r['rate']:,.0f}**", f"≥ {TARGET_RATE:,}"),
        row(
            "smtplib ceiling, emails/s (before, after)",
            lambda r: f"{r['ceiling']:,.0f} ({r['ceilings'][0]:,.0f}, {r['ceilings'][1]:,.0f})",
        ),
        row("Share of the ceiling", lambda r: f"{r['rate'] / r['ceiling']:.0%}", "≥ 50%"),
        row("Send time", lambda r: f"{r['elapsed']:.1f} s"),
        row("Freezing the recipients", lambda r: f"{r['freeze']:.1f} s"),
        row(
            "Peak memory per worker (VmHWM)",
            lambda r: f"{r['peak']:.0f} MB",
            f"< {TARGET_MEMORY_MB} MB, flat",
        ),
        row("Worker memory when idle", lambda r: f"{r['idle']:.0f} MB"),
        row(f"Queries per chunk of {small['chunk']}", lambda r: str(r["queries"])),
        row("CPU per email: both workers / smtp-sink", cpu),
        row(
            "Received by smtp-sink / rows sent",
            lambda r: f"{r['received']:,} / {r['sent']:,}",
            "each subscriber once",
        ),
        "",
        f"- Rate: {'met' if rate_ok else 'NOT met'}.",
        f"- Memory: {'met' if memory_ok else 'NOT met'}; the peak changed by {growth:+.0f} MB "
        f"from {small['count']:,} to {large['count']:,} subscribers.",
        f"- Every subscriber received exactly one email: {'yes' if exact else 'NO'}.",
        f"- Queries per chunk: one compare-and-set per email plus "
        f"{small['queries'] - small['chunk']} to claim, release and settle the chunk.",
    ]
    return "\n".join(lines)


def main():
    sink_path = smtp_sink_path()
    logs = ROOT / "var" / "bench-newsletter"
    logs.mkdir(parents=True, exist_ok=True)
    database_url = f"{PG}/{DATABASE}"
    environ = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "false",
        "ALLOW_INSECURE_SITE_URL": "true",
        "LOG_LEVEL": "WARNING",
    }
    environ.pop("VERIDACT_REQUIRE_SERVICES", None)
    log(f"Creating {DATABASE}")
    prepare_database(environ)
    sink = SmtpSink(sink_path, logs / "smtp-sink.log")
    environ["EMAIL_URL"] = f"smtp://127.0.0.1:{sink.port}"
    os.environ.update(environ)
    os.environ["DJANGO_SETTINGS_MODULE"] = "veridact.settings"
    import django

    django.setup()
    try:
        seed_articles()
        results = []
        for count in SIZES:
            result = run_size(count, environ, sink, logs)
            results.append(result)
            log(
                f"{count:,}: {result['rate']:,.0f} emails/s "
                f"(ceiling {result['ceiling']:,.0f}), peak {result['peak']:.0f} MB"
            )
    finally:
        sink.stop()
    print(markdown(results))


if __name__ == "__main__":
    main()
