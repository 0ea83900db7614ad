"""Page-level bundles: what the track record and a reader's record show, in fixed queries."""

from django.db.models import Prefetch

from predictions import charts, scoring
from predictions.models import Prediction, ProbabilityUpdate, ReaderScore


def calibration_bins(rows):
    """Turn calibration totals from the database into scoring bins (means as fractions)."""
    return [
        scoring.calibration_bin(row["bin"], row["count"], row["mean"] / 100, row["yes"])
        for row in rows
    ]


def _with_skill(row):
    if row.get("mean_brier") is not None:
        row["skill"] = scoring.brier_skill_score(row["mean_brier"])
    return row


def track_record():
    """Everything the track record page shows, in five queries."""
    predictions = Prediction.objects.all()
    totals = _with_skill(predictions.score_totals())
    bins = calibration_bins(predictions.calibration_totals())
    return {
        "totals": totals,
        "bins": bins,
        "calibration": charts.calibration_chart(bins),
        "by_category": [_with_skill(row) for row in predictions.scores_by_category()],
        "by_year": [_with_skill(row) for row in predictions.scores_by_year()],
        "misses": list(predictions.biggest_misses()),
    }


def resolved_with_history():
    """Every resolved prediction with its category and probability history, streamed."""
    return (
        Prediction.objects.resolved()
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "probability_updates", queryset=ProbabilityUpdate.objects.order_by("created_at")
            )
        )
        .order_by("resolved_at", "pk")
        .iterator(chunk_size=500)
    )


def reader_record(reader, recent=10):
    """A reader's totals, calibration and latest scored forecasts, in three queries."""
    scores = ReaderScore.objects.filter(reader=reader)
    totals = _with_skill(scores.totals())
    bins = calibration_bins(scores.calibration_totals())
    latest = list(
        scores.select_related("prediction__category").order_by("-prediction__resolved_at")[:recent]
    )
    if totals.get("mean_brier") is not None:
        totals["beats_newsroom"] = totals["mean_brier"] < totals["newsroom_brier"]
    return {
        "totals": totals,
        "bins": bins,
        "calibration": charts.calibration_chart(bins) if bins else None,
        "latest": latest,
    }
