"""Load and soak: the whole site under 64 connections for 60 s, then with faults.

gunicorn (2 gthread workers × 4 threads) serves the demo content on PostgreSQL and a Redis
server of this benchmark's own (append-only file on, as compose runs it), with a Celery
worker and beat, email to an SMTP server on localhost (aiosmtpd). wrk
(`bench/load_mix.lua`) drives it over 64 connections that never pause, over home,
categories, articles, search, predictions, track record and feeds, and 1 % writes
(comments, forecasts, subscribes), timing each response by page.

- Load: three runs of the mix, each after a run of the bare Django view at the same 64
  connections (the baseline); medians and ranges per page type.
- Soak: one run of the mix during which Redis is restarted once and the worker SIGKILLed
  (and started again, as compose would). 5xx answers are counted inside and outside the
  restart window; afterwards every write the site confirmed must be in the database, and
  every subscribe's confirmation email must have reached the SMTP server once.

`BENCH_LOAD_SECONDS` (60) sets each run's length; `BENCH_LOAD_RUNS` (3) the load runs.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import common  # noqa: E402 (after the path is set)
from bench.load_stack import (  # noqa: E402
    Celery,
    Wrk,
    check_writes,
    children_cpu,
    cpu_seconds,
    lua_literal,
    process_cpu,
    redis_server,
    wait_for_confirmations,
    wait_for_redis,
)
from tests.newsletter.smtp import SMTPServer  # noqa: E402

DATABASE = "veridact_bench_load"
CONNECTIONS = 64
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
RUNS = int(os.environ.get("BENCH_LOAD_RUNS", "3"))
# Writers for each run of the mix (the warm-up, the load runs, the soak), which signs in for
# up to a thousand writes; a pool for every run.
WRITERS_PER_RUN = 2000
WRITERS = WRITERS_PER_RUN * (RUNS + 2)
CACHED = ["home", "category", "article", "search", "predictions", "prediction", "feed"]
P99_TARGET_MS = 100
# The bare view's and the reads-alone runs before each run of the mix.
READS_SECONDS = 20
# The soak's faults, in seconds from its start; the window lasts until Redis answers again
# and this long after, while each process finds its connections broken and makes new ones.
REDIS_RESTART_AT = SECONDS // 3
WORKER_KILL_AT = 2 * SECONDS // 3
WINDOW_AFTER = 5

SEED_WRITERS = f"""
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
users = User.objects.bulk_create(
    User(email=f"writer{{n:04d}}@example.com", display_name=f"Writer {{n}}", password="!")
    for n in range({WRITERS})
)
EmailAddress.objects.bulk_create(
    EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
)
writers = []
for user in users:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    token = user.email.split("@")[0].ljust(32, "x")[:32]
    writers.append({{"email": user.email, "sessionid": session.session_key, "csrftoken": token}})
print(json.dumps(writers))
"""

PATHS = """
import json
from django.urls import reverse
from articles.models import Article, Category
from predictions.models import Prediction
articles = list(Article.objects.published().select_related("category"))
predictions = list(Prediction.objects.all())
print(json.dumps({
    "categories": [c.get_absolute_url() for c in Category.objects.all()],
    "articles": [a.get_absolute_url() for a in articles],
    "commentable": [a.pk for a in articles if not a.comments_closed],
    "predictions": [p.get_absolute_url() for p in predictions],
    "open_predictions": [p.slug for p in predictions if p.is_open()],
    "feeds": ["/feeds/"] + [reverse("articles:category_feed", args=[c.slug])
                            for c in Category.objects.all()],
    "searches": ["chip", "election", "final", "rates", "console", "launch", "inflation",
                 "transfer", "season", "regulator"],
}))
"""


def load_runs(wrk, web_pid, celery):
    runs = []
    for number in range(1, RUNS + 1):
        common.log(
            f"Load run {number}: the bare view and the reads alone for {READS_SECONDS} s, "
            f"then the mix for {SECONDS} s"
        )
        process, results = wrk.start(f"bare-{number}", mode="bare", seconds=READS_SECONDS)
        bare, _ = wrk.finish(process, f"bare-{number}", results)
        process, results = wrk.start(f"reads-{number}", mode="reads", seconds=READS_SECONDS)
        reads, _ = wrk.finish(process, f"reads-{number}", results)
        load_before, started = os.getloadavg()[0], time.monotonic()
        cpu_before = (cpu_seconds(), children_cpu(), process_cpu(web_pid), celery.cpu())
        process, results = wrk.start(f"mix-{number}")
        figures, outcome = wrk.finish(process, f"mix-{number}", results)
        elapsed = time.monotonic() - started
        machine, generator, site, tasks = (
            (after - before) / elapsed
            for after, before in zip(
                (cpu_seconds(), children_cpu(), process_cpu(web_pid), celery.cpu()),
                cpu_before,
                strict=True,
            )
        )
        runs.append(
            {
                "bare": bare["bare view"],
                "reads": reads,
                "pages": figures,
                "written": outcome.get("written", {}),
                "load_before": load_before,
                "cores": {"machine": machine, "wrk": generator, "gunicorn": site, "celery": tasks},
            }
        )
        common.log(
            f"  {figures['Aggregated']['rps']:.0f} requests/s, "
            f"{figures['Aggregated']['errors']} errors"
        )
    return runs


def soak_run(wrk, redis_port, celery, redis_folder):
    common.log(f"Soak: Redis restarts at {REDIS_RESTART_AT} s, worker dies at {WORKER_KILL_AT} s")
    process, results = wrk.start("soak")
    started = time.time()
    time.sleep(REDIS_RESTART_AT)
    window_start = time.time()
    subprocess.run(["redis-cli", "-p", str(redis_port), "shutdown"], check=False)
    redis = redis_server(redis_folder, redis_port)
    wait_for_redis(redis_port)
    window_end = time.time() + WINDOW_AFTER
    time.sleep(max(0.0, started + WORKER_KILL_AT - time.time()))
    celery.kill_worker()
    time.sleep(1)
    celery.restart_worker()
    figures, outcome = wrk.finish(process, "soak", results)
    return {
        "pages": figures,
        "outcome": outcome,
        "window": (window_start - started, window_end - started),
        "started": started,
        "window_at": (window_start, window_end),
        "redis": redis,
    }


def median_range(values, digits=0):
    values = list(values)
    return (
        f"{statistics.median(values):,.{digits}f} "
        f"({min(values):,.{digits}f}–{max(values):,.{digits}f})"
    )


def report(runs, soak, soak_writes, confirmations):
    pages = [*CACHED, "track record", "write: comment", "write: forecast", "write: subscribe"]
    baseline = [run["bare"]["rps"] for run in runs]
    lines = [
        "## Load and soak (`bench/load.py`)",
        "",
        "gunicorn (2 gthread workers × 4 threads) with the demo content on PostgreSQL and a "
        "Redis of its own, a Celery worker and beat, email to aiosmtpd; wrk "
        f"(`bench/load_mix.lua`) on the same 2 cores with {CONNECTIONS} keep-alive "
        "connections that never pause, each from an address of its own and on a wrk thread "
        "of its own, over home 15 %, "
        "categories 15 %, articles 35 %, search 6 %, the predictions index 8 %, a prediction "
        "8 %, the track record 4 %, feeds 8 % and writes 1 % (comments, forecasts and "
        "subscribes, a third each, by signed-in readers but for subscribes). "
        f"{RUNS} runs of {SECONDS} s; each row is the median of the runs with their range. "
        f"Every run follows a {READS_SECONDS} s run of the bare Django view at the same "
        f"{CONNECTIONS} connections, the baseline, and one of the mix's reads alone (the "
        "same pages in the same shares, no writes). Latencies are timed by the mix's script "
        "for each response, from making its request to reading it (wrk's own percentiles "
        "do not agree with its own counts and maximum, so they are not used).",
        "",
        "| Page | Requests/s | p50 (ms) | p99 (ms) | Errors (all runs) |",
        "|---|---:|---:|---:|---:|",
    ]
    for page in [*pages, "Aggregated"]:
        measured = [run["pages"][page] for run in runs if page in run["pages"]]
        if not measured:
            continue
        label = "All requests" if page == "Aggregated" else page.capitalize()
        lines.append(
            f"| {label} | {median_range((m['rps'] for m in measured), 1)} | "
            f"{median_range(m['p50'] for m in measured)} | "
            f"{median_range(m['p99'] for m in measured)} | "
            f"{sum(m['errors'] for m in measured)} |"
        )
    lines.append(
        f"| Bare Django view (baseline) | {median_range(baseline, 1)} | "
        f"{median_range(run['bare']['p50'] for run in runs)} | "
        f"{median_range(run['bare']['p99'] for run in runs)} | "
        f"{sum(run['bare']['errors'] for run in runs)} |"
    )
    lines.append(
        f"| The reads alone (no writes) | "
        f"{median_range((run['reads']['Aggregated']['rps'] for run in runs), 1)} | "
        f"{median_range(run['reads']['Aggregated']['p50'] for run in runs)} | "
        f"{median_range(run['reads']['Aggregated']['p99'] for run in runs)} | "
        f"{sum(run['reads']['Aggregated']['errors'] for run in runs)} |"
    )
    total = [run["pages"]["Aggregated"]["rps"] for run in runs]
    errors = sum(run["pages"]["Aggregated"]["errors"] for run in runs)
    worst_cached = max(run["pages"][page]["p99"] for run in runs for page in CACHED)
    worst_reads = max(run["reads"][page]["p99"] for run in runs for page in CACHED)
    lines += [
        "",
        f"- Whole mix: {statistics.median(total):,.0f} requests/s, "
        f"{statistics.median(t / b for t, b in zip(total, baseline, strict=True)):.0%} of the "
        "bare view's rate in the same runs.",
        f"- Errors: {errors} (target 0): {'met' if errors == 0 else '**not met**'}.",
        f"- p99 of cached pages, worst page in any run: {worst_cached:.0f} ms (target ≤ "
        f"{P99_TARGET_MS} ms at {CONNECTIONS} connections): "
        f"{'met' if worst_cached <= P99_TARGET_MS else '**not met**'}. The same pages "
        f"with the writes taken out (the reads-alone runs): worst p99 {worst_reads:.0f} ms, "
        f"{statistics.median(r['reads']['Aggregated']['rps'] for r in runs):,.0f} requests/s.",
        "- The machine's load: load average "
        + ", ".join(f"{run['load_before']:.1f}" for run in runs)
        + f" just before each run, on {os.cpu_count()} cores (right after its baseline and "
        "reads-alone runs, so mostly this benchmark's own). Cores busy during "
        "each run of the mix, for the whole machine / gunicorn / wrk / the Celery worker and "
        "beat: "
        + "; ".join(
            " / ".join(
                f"{run['cores'][key]:.2f}" for key in ("machine", "gunicorn", "wrk", "celery")
            )
            for run in runs
        )
        + " (the rest: PostgreSQL, Redis and other people's work).",
    ]
    site_cores = statistics.median(run["cores"]["gunicorn"] for run in runs)
    if statistics.median(run["cores"]["machine"] for run in runs) > 1.9 and site_cores < 1.5:
        lines.append(
            f"- The machine was saturated and gunicorn had {site_cores:.2f} of its 2 cores: "
            f"with {CONNECTIONS} connections always waiting, latency here is mostly the wait for "
            "a CPU, and the p99 says more about the machine than the site. The bare view's "
            "own p99 in the same runs is the floor."
        )

    troubles = soak["outcome"].get("troubles", [])
    start, end = soak["window_at"]
    inside = [t for t in troubles if start <= t[0] <= end]
    outside = [t for t in troubles if not start <= t[0] <= end]
    soak_pages = soak["pages"]["Aggregated"]
    lines += [
        "",
        f"**Soak**: the same mix for {SECONDS} s; Redis (the page cache, rate limits and "
        f"broker) shut down and started again at {soak['window'][0]:.0f} s, the worker "
        f"SIGKILLed at {WORKER_KILL_AT} s and started again a second later. The restart "
        f"window runs from the shutdown to {WINDOW_AFTER} s after Redis answered again "
        f"({soak['window'][0]:.1f}–{soak['window'][1]:.1f} s).",
        "",
        "| Measure | Result |",
        "|---|---|",
        f"| Requests | {soak_pages['requests']:,} ({soak_pages['rps']:,.0f}/s) |",
        f"| 5xx or failed connections inside the restart window | {len(inside)} |",
        f"| 5xx or failed connections outside it (target 0) | {len(outside)} |",
        f"| Other errors (4xx, wrong answers) | {soak_pages['errors'] - len(troubles)} |",
        "| wrk's socket errors: connect / read / write / timeout | "
        + " / ".join(str(count) for count in soak["outcome"]["socket_errors"].values())
        + " |",
    ]
    for kind, (told, found) in soak_writes.items():
        lines.append(
            f"| {kind.capitalize()} the site confirmed / found in the database | {told} / {found} |"
        )
    received, doubled = confirmations
    lines.append(
        f"| Confirmation emails received for those subscribes / sent twice | "
        f"{received} of {soak_writes['subscribers'][0]} / {doubled} |"
    )
    lost = any(told != found for told, found in soak_writes.values())
    lines += [
        "",
        f"- No 5xx outside the restart window: {'met' if not outside else '**not met**'}"
        + (
            f" ({', '.join(sorted({str(t[2]) + ' on ' + t[1] for t in outside}))})"
            if outside
            else ""
        )
        + ".",
        f"- Nothing written lost: {'met' if not lost else '**not met**'}.",
    ]
    if inside:
        kinds = sorted({f"{t[2]} on {t[1]}" for t in inside})
        lines.append(f"- Inside the window: {', '.join(kinds)}.")
    return "\n".join(lines)


def main():
    common.apt_install("wrk", "wrk")
    folder = Path(tempfile.mkdtemp(prefix="veridact-bench-load-"))
    redis_folder = folder / "redis"
    redis_folder.mkdir()
    redis_port = common.free_port()
    redis = redis_server(redis_folder, redis_port)
    wait_for_redis(redis_port)
    celery = web = None
    with SMTPServer() as smtp:
        try:
            environ = common.environment(
                DATABASE,
                redis_url=f"redis://127.0.0.1:{redis_port}/0",
                EMAIL_URL=smtp.url,
                DJANGO_SETTINGS_MODULE="bench.settings",
                TRUSTED_PROXY_COUNT="1",
                NEWSLETTER_SWEEP_SECONDS="5",
                CELERY_VISIBILITY_TIMEOUT="20",
            )
            common.prepare(environ, DATABASE)
            config = json.loads(common.shell(environ, PATHS))
            config["writers"] = json.loads(common.shell(environ, SEED_WRITERS))
            config_file = folder / "config.lua"
            config_file.write_text(f"return {lua_literal(config)}\n")
            celery = Celery(environ, folder)
            web = common.gunicorn(environ)
            wrk = Wrk(
                web.url,
                folder,
                config_file,
                connections=CONNECTIONS,
                seconds=SECONDS,
                writers_per_run=WRITERS_PER_RUN,
            )
            common.log("Warming up for 15 s")
            process, results = wrk.start("warm-up", seconds=15)
            wrk.finish(process, "warm-up", results)

            runs = load_runs(wrk, web.process.pid, celery)
            soak = soak_run(wrk, redis_port, celery, redis_folder)
            redis = soak["redis"]
            written = soak["outcome"].get("written", {})
            time.sleep(5)  # the last writes' on-commit work
            soak_writes = check_writes(environ["DATABASE_URL"], written)
            confirmations = wait_for_confirmations(smtp, written.get("subscribers", []))
        finally:
            if web:
                web.stop()
            if celery:
                celery.stop()
            subprocess.run(["redis-cli", "-p", str(redis_port), "shutdown"], check=False)
            redis.wait(timeout=30)
    print(report(runs, soak, soak_writes, confirmations))


if __name__ == "__main__":
    main()
