"""Predictions at scale: track record and leaderboard render times, and resolving a big question.

Builds its own PostgreSQL database (veridact_bench_predictions) with 10,000 resolved
predictions and 1,000,000 reader forecasts bulk-loaded with COPY, then renders the track
record and the leaderboard through Django's test client with the page cache emptied before
every request, and resolves a prediction with 10,000 reader forecasts through the service.
Logs go to stderr; the Markdown section goes to stdout. The database is dropped at the end
unless BENCH_KEEP=1; BENCH_PG points at another server, BENCH_RENDERS and BENCH_RESOLVES
change the number of runs.
"""

import datetime
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATABASE = "veridact_bench_predictions"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
RESOLVED = 10_000
FORECASTS = 1_000_000
BIG_FORECASTS = 10_000
READERS = 20_000
UPDATES_PER_PREDICTION = 5
RENDERS = int(os.environ.get("BENCH_RENDERS", "21"))
RESOLVES = int(os.environ.get("BENCH_RESOLVES", "5"))
TARGET_RENDER_MS = 200
TARGET_RESOLVE_S = 2.0

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "veridact.settings",
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-used-elsewhere"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "ALLOW_INSECURE_SITE_URL": "true",
        "LOG_LEVEL": "WARNING",
    }
)
# The in-process cache: it is emptied before every measured request anyway.
os.environ.pop("REDIS_URL", None)


def log(message):
    print(message, file=sys.stderr, flush=True)


def recreate_database():
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def copy(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as stream:
        for row in rows:
            stream.write_row(row)


def load(rng):
    """Bulk-load readers, resolved predictions with histories, forecasts and stored scores."""
    from django.db import connection

    from articles.models import Category
    from predictions.records import SCORE_COLUMNS

    categories = list(Category.objects.values_list("pk", flat=True))
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    connection.ensure_connection()
    cursor = connection.connection.cursor()

    log(f"  {READERS:,} readers")
    copy(
        cursor,
        "accounts_user",
        [
            "password",
            "is_superuser",
            "is_staff",
            "is_active",
            "date_joined",
            "email",
            "display_name",
            "bio",
        ],
        (
            ("!", False, False, True, now, f"bench{n}@bench.example", f"Reader {n}", "")
            for n in range(1, READERS + 1)
        ),
    )
    cursor.execute("SELECT min(id) FROM accounts_user")
    first_reader = cursor.fetchone()[0]

    log(f"  {RESOLVED:,} resolved predictions with {UPDATES_PER_PREDICTION} updates each")
    predictions, updates, outcomes = [], [], []
    for n in range(RESOLVED):
        opened = now - datetime.timedelta(days=rng.randint(60, 1500))
        closes = opened + datetime.timedelta(days=rng.randint(20, 50))
        latent = rng.betavariate(0.6, 0.6)
        outcome = rng.random() < latent
        final = max(1, min(99, round(100 * (latent + rng.gauss(0, 0.1)))))
        p = final / 100
        brier = (p - outcome) ** 2
        log_score = 100 * (math.log2(p if outcome else 1 - p) + 1)
        predictions.append(
            (
                f"Will benchmark event {n} happen?",
                f"bench-{n}",
                categories[n % len(categories)],
                "Yes if it happens.",
                opened,
                closes,
                (closes + datetime.timedelta(days=10)).date(),
                "yes" if outcome else "no",
                closes + datetime.timedelta(days=2),
                "",
                "",
                outcome,
                final,
                brier,
                min(1.0, brier * rng.uniform(0.8, 1.4)),
                log_score,
                0,
                now,
            )
        )
        outcomes.append((opened, closes, outcome, final))
    copy(
        cursor,
        "predictions_prediction",
        [
            "claim",
            "slug",
            "category_id",
            "resolution_criteria",
            "opened_at",
            "closes_at",
            "resolve_by",
            "status",
            "resolved_at",
            "resolution_note",
            "resolution_source",
            "outcome",
            "final_probability",
            "brier_at_close",
            "brier_time_averaged",
            "log_score_at_close",
            "forecaster_count",
            "created_at",
        ],
        predictions,
    )
    cursor.execute("SELECT min(id) FROM predictions_prediction")
    first_prediction = cursor.fetchone()[0]
    for index, (opened, closes, _, final) in enumerate(outcomes):
        span = (closes - opened).total_seconds()
        for step in range(UPDATES_PER_PREDICTION):
            share = step / (UPDATES_PER_PREDICTION - 1)
            updates.append(
                (
                    first_prediction + index,
                    round(50 + (final - 50) * share),
                    "Benchmark rationale.",
                    opened + datetime.timedelta(seconds=span * share * 0.95),
                )
            )
    copy(
        cursor,
        "predictions_probabilityupdate",
        ["prediction_id", "probability", "rationale", "created_at"],
        updates,
    )

    per_prediction = (FORECASTS - BIG_FORECASTS) // RESOLVED
    distinct = per_prediction * 4 // 5  # a fifth of forecasts revise an earlier one
    log(f"  {per_prediction * RESOLVED:,} forecasts and their stored reader scores")

    revisions = per_prediction - distinct
    rows = []
    for index, (opened, closes, _, _) in enumerate(outcomes):
        prediction_id = first_prediction + index
        span = (closes - opened).total_seconds()
        readers = rng.sample(range(READERS), distinct)
        for position in range(per_prediction):
            # The first `distinct` rows are each reader's first forecast; the rest are the
            # first `revisions` readers changing their minds later, which supersedes the first.
            revising = position >= distinct
            slot = position - distinct if revising else position
            share = 0.6 + 0.3 * rng.random() if revising else 0.5 * rng.random()
            rows.append(
                (
                    prediction_id,
                    first_reader + readers[slot],
                    rng.randint(1, 99),
                    opened + datetime.timedelta(seconds=span * share),
                    revising or slot >= revisions,
                )
            )
    copy(
        cursor,
        "predictions_forecast",
        ["prediction_id", "reader_id", "probability", "created_at", "is_current"],
        rows,
    )
    scores = []
    for prediction_id, reader, probability, _, current in rows:
        if not current:
            continue
        index = prediction_id - first_prediction
        opened, closes, outcome, final = outcomes[index]
        p = probability / 100
        scores.append(
            (
                prediction_id,
                reader,
                probability,
                outcome,
                (p - outcome) ** 2,
                100 * (math.log2(p if outcome else 1 - p) + 1),
                (final / 100 - outcome) ** 2,
                rng.uniform(0.3, 1.0),
            )
        )
    copy(cursor, "predictions_readerscore", SCORE_COLUMNS, scores)
    cursor.execute(
        "UPDATE predictions_prediction p SET forecaster_count = c.n FROM "
        "(SELECT prediction_id, count(*) AS n FROM predictions_forecast WHERE is_current "
        "GROUP BY prediction_id) c WHERE c.prediction_id = p.id"
    )
    return first_reader, len(scores)


def build_big_prediction(rng, first_reader):
    """An open prediction with 10,000 reader forecasts and a month of newsroom updates."""
    from django.db import connection

    from articles.models import Category
    from predictions.models import Prediction, ProbabilityUpdate

    now = datetime.datetime.now(datetime.UTC)
    opened = now - datetime.timedelta(days=60)
    big = Prediction.objects.create(
        claim="Will the big benchmark question resolve yes?",
        slug="bench-big",
        category=Category.objects.first(),
        resolution_criteria="Yes if it does.",
        opened_at=opened,
        closes_at=now + datetime.timedelta(days=30),
        resolve_by=(now + datetime.timedelta(days=40)).date(),
        current_probability=49,  # the last of the updates below, which bypass the service
    )
    ProbabilityUpdate.objects.bulk_create(
        ProbabilityUpdate(
            prediction=big,
            probability=40 + step,
            rationale="Step.",
            created_at=opened + datetime.timedelta(days=step * 5),
        )
        for step in range(10)
    )
    cursor = connection.connection.cursor()
    copy(
        cursor,
        "predictions_forecast",
        ["prediction_id", "reader_id", "probability", "created_at", "is_current"],
        (
            (
                big.pk,
                first_reader + n,
                rng.randint(1, 99),
                opened + datetime.timedelta(seconds=rng.randint(0, 59 * 86400)),
                True,
            )
            for n in range(BIG_FORECASTS)
        ),
    )
    return big


def measure_render(client, url, cache):
    from pagecache.local import forget_local_pages

    timings = []
    for _ in range(RENDERS):
        cache.clear()
        forget_local_pages()  # and this process's copies of the pages it served
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def main():
    rng = random.Random(6)
    log(f"Recreating database {DATABASE}")
    recreate_database()

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from predictions import records, services
    from predictions.models import Forecast, Prediction, ReaderScore

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    log("Loading")
    first_reader, _ = load(rng)
    big = build_big_prediction(rng, first_reader)
    records.reader_records_rebuild()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    load_seconds = time.perf_counter() - started
    counts = {
        "resolved": Prediction.objects.resolved().count(),
        "forecasts": Forecast.objects.count(),
        "scores": ReaderScore.objects.count(),
    }
    log(f"Loaded in {load_seconds:.0f} s: {counts}")

    client = Client()
    client.get("/predictions/track-record/")  # warm-up: imports, template loading
    results = {}
    for name, url in [
        ("Track record", "/predictions/track-record/"),
        ("Leaderboard", "/predictions/leaderboard/"),
    ]:
        log(f"Rendering {url} {RENDERS} times")
        timings = measure_render(client, url, cache)
        results[name] = (statistics.median(timings), max(timings))

    log(f"Resolving the {BIG_FORECASTS:,}-forecast prediction {RESOLVES} times")
    resolve_times = []
    for _ in range(RESOLVES):
        started = time.perf_counter()
        services.prediction_resolve(prediction=big, outcome=True)
        resolve_times.append(time.perf_counter() - started)
        assert ReaderScore.objects.filter(prediction=big).count() == BIG_FORECASTS
        services.prediction_unresolve(prediction=big)

    resolve_p50 = statistics.median(resolve_times)
    rows = [
        (
            f"Track record render, p50 of {RENDERS} (max)",
            f"{results['Track record'][0]:.0f} ms ({results['Track record'][1]:.0f} ms)",
            f"≤ {TARGET_RENDER_MS} ms",
            results["Track record"][0] <= TARGET_RENDER_MS,
        ),
        (
            f"Leaderboard render, p50 of {RENDERS} (max)",
            f"{results['Leaderboard'][0]:.0f} ms ({results['Leaderboard'][1]:.0f} ms)",
            f"≤ {TARGET_RENDER_MS} ms",
            results["Leaderboard"][0] <= TARGET_RENDER_MS,
        ),
        (
            f"Resolve a prediction with {BIG_FORECASTS:,} forecasts, p50 of {RESOLVES} (max)",
            f"{resolve_p50:.2f} s ({max(resolve_times):.2f} s)",
            f"≤ {TARGET_RESOLVE_S:.0f} s",
            resolve_p50 <= TARGET_RESOLVE_S,
        ),
    ]
    print("## Predictions: track record, leaderboard and resolution at scale\n")
    print(
        f"PostgreSQL database `{DATABASE}` with {counts['resolved']:,} resolved predictions, "
        f"{counts['forecasts']:,} reader forecasts from {READERS:,} readers and "
        f"{counts['scores']:,} stored reader scores "
        f"(bulk-loaded with COPY in {load_seconds:.0f} s). "
        "Pages are rendered through Django's test client (all middleware, templates, DEBUG off) "
        "with the page cache emptied before every request, so each is a full render. "
        "Resolution runs `prediction_resolve`, which scores the newsroom and every reader "
        "and stores the scores in one transaction; it is un-resolved between runs.\n"
    )
    print("| Measure | Measured | Target | Met |")
    print("|---|---|---|---|")
    for label, measured, target, met in rows:
        print(f"| {label} | {measured} | {target} | {'yes' if met else 'no'} |")
    connection.close()
    if os.environ.get("BENCH_KEEP") != "1":
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
