"""Readers' scores and records: stored when a prediction resolves, taken off when it is undone.

The scores are written in bulk (COPY on PostgreSQL, multi-row INSERTs elsewhere) and every
reader's running record is adjusted in one statement; `reader_records_rebuild()` recomputes
the records from the stored scores.
"""

from itertools import groupby

from django.db import connection, transaction
from django.db.models import Avg, Count, F, OuterRef, Subquery, Sum

from predictions import scoring
from predictions.models import Forecast, Prediction, ReaderRecord, ReaderScore


def reader_scores_store(*, prediction: Prediction, newsroom, end, outcome: bool) -> None:
    """Score every reader who forecast a resolved prediction and add the scores to their records."""
    _insert_scores(prediction, _reader_scores(prediction, newsroom, end=end, outcome=outcome))
    _add_to_records(prediction)


def reader_scores_clear(*, prediction: Prediction) -> None:
    """Delete a prediction's reader scores, taking them off the records they were added to."""
    if prediction.is_resolved:
        _subtract_from_records(prediction)
    ReaderScore.objects.filter(prediction=prediction).delete()


def _reader_scores(prediction, newsroom, *, end, outcome):
    forecasts = (
        Forecast.objects.filter(prediction=prediction, created_at__lte=end)
        .order_by("reader_id", "created_at", "pk")
        .values_list("reader_id", "created_at", "probability")
        .iterator(chunk_size=10_000)
    )
    for reader_id, rows in groupby(forecasts, key=lambda row: row[0]):
        history = [(time, percent / 100) for _, time, percent in rows]
        start = history[0][0]
        # The newsroom is judged over the same window as the reader, from the reader's first
        # forecast, so a reader who arrives late is not credited with the newsroom's early doubt.
        window = [(start, scoring.at_close(newsroom, end=start) or newsroom[0][1])]
        window += [(time, p) for time, p in newsroom if start < time <= end]
        yield (
            prediction.pk,
            reader_id,
            round(history[-1][1] * 100),
            outcome,
            scoring.time_averaged(history, end=end, outcome=outcome),
            scoring.time_averaged(history, end=end, outcome=outcome, score=scoring.log_score),
            scoring.time_averaged(window, end=end, outcome=outcome),
            scoring.coverage(history, start=prediction.opened_at, end=end),
        )


SCORE_COLUMNS = [
    "prediction_id",
    "reader_id",
    "final_probability",
    "outcome",
    "brier",
    "log_score",
    "newsroom_brier",
    "coverage",
]


def _table(model, columns):
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), ", ".join(quote(column) for column in columns)


def _insert_scores(prediction: Prediction, rows) -> None:
    # Multi-row INSERTs of plain tuples: at 10,000 readers, building and preparing a model
    # instance per score (bulk_create) cost more than the scoring itself.
    table, columns = _table(ReaderScore, SCORE_COLUMNS)
    fields = [ReaderScore._meta.get_field(name.removesuffix("_id")) for name in SCORE_COLUMNS]
    # Scored in full first: the forecasts stream from a server-side cursor on the same
    # connection, which cannot be read while a COPY is under way.
    rows = list(rows)
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's bulk path: several times faster than INSERT at 10,000 rows.
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    row_placeholder = "(" + ", ".join(["%s"] * len(SCORE_COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for first in range(0, len(rows), size):
            batch = rows[first : first + size]
            values = ", ".join([row_placeholder] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608 (names from the model)
                [value for row in batch for value in row],
            )


RECORD_SUMS = {
    "brier_sum": "brier",
    "log_score_sum": "log_score",
    "newsroom_brier_sum": "newsroom_brier",
    "coverage_sum": "coverage",
}


def _subtract_from_records(prediction: Prediction) -> None:
    """Take one prediction's scores off its readers' records, before they are deleted."""
    scores = ReaderScore.objects.filter(prediction=prediction)
    own = scores.filter(reader=OuterRef("reader"))
    records = ReaderRecord.objects.filter(reader__in=scores.values("reader"))
    changes = {"scored": F("scored") - 1}
    for total, field in RECORD_SUMS.items():
        changes[total] = F(total) - Subquery(own.values(field)[:1])
    records.update(**changes)
    records.filter(scored__gt=0).update(mean_brier=F("brier_sum") / F("scored"))
    # Back to zero exactly, rather than a float residue of adding and subtracting.
    records.filter(scored=0).update(mean_brier=None, **dict.fromkeys(RECORD_SUMS, 0.0))


def _add_to_records(prediction: Prediction) -> None:
    """Add one prediction's scores to its readers' records, creating the records they lack."""
    # One INSERT … SELECT … ON CONFLICT DO UPDATE (PostgreSQL, and SQLite ≥ 3.24) adds the
    # prediction's scores to every reader's record, creating the records it lacks.
    record, _ = _table(ReaderRecord, [])
    score, _ = _table(ReaderScore, [])
    quote = connection.ops.quote_name
    sums = list(RECORD_SUMS.items())
    totals = ", ".join(quote(total) for total, _ in sums)
    fields = ", ".join(quote(field) for _, field in sums)
    increments = ", ".join(
        f"{quote(total)} = {record}.{quote(total)} + excluded.{quote(total)}" for total, _ in sums
    )
    sql = (
        f"INSERT INTO {record} (reader_id, scored, {totals}, mean_brier) "  # noqa: S608 (names from the model)
        f"SELECT reader_id, 1, {fields}, brier FROM {score} WHERE prediction_id = %s "
        f"ON CONFLICT (reader_id) DO UPDATE SET scored = {record}.scored + 1, {increments}, "
        f"mean_brier = ({record}.brier_sum + excluded.brier_sum) / ({record}.scored + 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [prediction.pk])


@transaction.atomic
def reader_records_rebuild() -> int:
    """Recompute every reader's record from the stored scores; return how many there are."""
    ReaderRecord.objects.all().delete()
    totals = ReaderScore.objects.values("reader_id").annotate(
        scored=Count("pk"),
        mean_brier=Avg("brier"),
        **{total: Sum(field) for total, field in RECORD_SUMS.items()},
    )
    records = ReaderRecord.objects.bulk_create(
        (ReaderRecord(**row) for row in totals.order_by()), batch_size=5000
    )
    return len(records)
