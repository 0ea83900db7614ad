"""What bench/newsletter.py runs: smtp-sink, celery workers, subscribers, ceiling senders.

The ceiling senders send prebuilt digests to the same smtp-sink over as many parallel
connections as the workers send on, with no Django or database work: once with plain
smtplib (one round trip per command) and once with the workers' own SMTP transport
(pipelined, one round trip per message), each connection in a process of its own.
"""

import contextlib
import multiprocessing
import os
import re
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
SENDER = "newsroom@veridact.example"


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
    """A `celery worker --pool=solo`: one chunk at a time, over one SMTP connection."""

    def __init__(self, name, environ, log_path):
        self.log_path = log_path
        self.output = log_path.open("wb")
        command = [str(BIN / "celery"), "-A", "veridact", "worker", "--pool=solo"]
        command += ["--loglevel=INFO", "--hostname", f"{name}@%h"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environ, stdout=self.output, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while b" ready." not in log_path.read_bytes():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"worker {name} did not start:\n{log_path.read_text()}")
            time.sleep(0.2)
        self.idle_mb = vm_kb(self.process.pid, "VmRSS") / 1024

    def cpu(self):
        return cpu_seconds(self.process.pid)

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


def seed_subscribers(sizes):
    """Make confirmed subscribers, `sizes[frequency]` of each frequency, spread over all 15
    category sets; each frequency's digest then goes to its own population."""
    from django.db import connection

    from articles.models import Category
    from newsletter.models import Subscriber

    subscriber = Subscriber._meta.db_table
    through = Subscriber.categories.through._meta.db_table
    category = Category._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {subscriber}, {through} RESTART IDENTITY CASCADE")  # noqa: S608
        for frequency, count in sizes.items():
            cursor.execute(
                f"INSERT INTO {subscriber} (email, mailbox, status, frequency, "  # noqa: S608
                "requested_at, consent_at, consent_ip, hard_bounces, created_at, updated_at) "
                # Plain addresses: each is its own canonical mailbox (newsletter.mailboxes).
                # Typed: the parameters are bound on the server (PREPARED_STATEMENTS).
                "SELECT %s::text || g || '@bench.example', %s::text || g || '@bench.example', "
                "'confirmed', %s, now(), now(), '192.0.2.1', 0, now(), now() "
                "FROM generate_series(1, %s::bigint) AS g",
                [frequency, frequency, frequency, count],
            )
        cursor.execute(
            f"INSERT INTO {through} (subscriber_id, category_id) "  # noqa: S608
            f"SELECT s.id, c.id FROM {subscriber} AS s JOIN "
            f"(SELECT id, row_number() OVER (ORDER BY id) - 1 AS bit FROM {category}) AS c "
            "ON (((s.id % 15) + 1) & (1 << c.bit::int)) <> 0"
        )
        cursor.execute("ANALYZE")


def forget_issues():
    """Delete every issue and its deliveries, so the next issue holds the same articles."""
    from django.db import connection

    from newsletter.models import DigestIssue

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {DigestIssue._meta.db_table} CASCADE")  # noqa: S608
        cursor.execute("VACUUM ANALYZE newsletter_delivery")


def prebuilt_messages(issue, count):
    """The issue's first `count` emails as SMTP DATA, as the workers build them."""
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


def _send_smtplib(port, messages, start, count, barrier):
    connection = smtplib.SMTP("127.0.0.1", port)
    barrier.wait(timeout=60)
    started = time.perf_counter()
    for number in range(start, start + count):
        recipient, data = messages[number % len(messages)]
        connection.sendmail(SENDER, [recipient], data)
    connection.quit()
    return started, time.perf_counter()


def _send_transport(port, messages, start, count, barrier):
    from newsletter.transport import SMTPTransport

    replies = []
    with SMTPTransport() as transport:
        transport.open()
        barrier.wait(timeout=60)
        started = time.perf_counter()
        for number in range(start, start + count):
            recipient, data = messages[number % len(messages)]
            following = messages[(number + 1) % len(messages)][0]
            transport.send(
                recipient=recipient,
                payload=data,
                hold=lambda: True,
                commit_then=lambda write_dot: write_dot(),
                on_reply=replies.append,
                then=following if number + 1 < start + count else None,
            )
    ended = time.perf_counter()
    assert replies == [None] * count, [reply for reply in replies if reply][:3]
    return started, ended


SENDERS = {"smtplib": _send_smtplib, "transport": _send_transport}


def _sender(flavour, port, messages, start, count, barrier, results):
    results.put(SENDERS[flavour](port, messages, start, count, barrier))


def ceiling_rate(flavour, port, messages, *, connections, total):
    """Send `total` prebuilt messages over `connections` parallel connections; emails/s."""
    from django.db import connections as databases

    databases.close_all()  # the forked senders must not share the parent's sockets
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(connections + 1)
    results = context.SimpleQueue()
    share = total // connections
    senders = [
        context.Process(
            target=_sender, args=(flavour, port, messages, n * share, share, barrier, results)
        )
        for n in range(connections)
    ]
    for sender in senders:
        sender.start()
    barrier.wait(timeout=60)
    spans = [results.get() for _ in senders]
    for sender in senders:
        sender.join()
        if sender.exitcode != 0:
            raise RuntimeError(f"a {flavour} ceiling sender failed ({sender.exitcode})")
    return share * connections / (max(end for _, end in spans) - min(s for s, _ in spans))


def one_chunk(issue):
    """Send the issue's first chunk again in this process: its queries, and the CPU time of
    this process and of its PostgreSQL backend per email."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsletter import sending
    from newsletter.models import Delivery

    sending._renderer(issue.pk)  # a worker reads the issue once, not per chunk
    rows = Delivery.objects.filter(issue=issue, chunk=0)
    size = rows.update(state=Delivery.State.QUEUED, sent_at=None, attempts=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    before = time.process_time(), cpu_seconds(backend)
    with CaptureQueriesContext(connection) as queries:
        report = sending.chunk_send(issue_id=issue.pk, chunk=0)
    after = time.process_time(), cpu_seconds(backend)
    assert report.sent == size, report
    python, postgres = (
        (end - start) / size * 1e6 for start, end in zip(before, after, strict=True)
    )
    return {"queries": len(queries), "emails": size, "cpu": python, "postgres": postgres}
