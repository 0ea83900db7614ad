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


class _Tally:
    """Running sums of stored scores, turned into the means a table row shows."""

    def __init__(self, **labels):
        self.labels = labels
        self.count = 0
        self.sums = {"brier": 0.0, "brier_time_averaged": 0.0, "log": 0.0, "right": 0.0}

    def add(self, group):
        self.count += group["count"]
        for key in self.sums:
            self.sums[key] += group[key] or 0

    def row(self):
        if not self.count:
            return {**self.labels, "count": 0}
        mean = {key: total / self.count for key, total in self.sums.items()}
        return _with_skill(
            {
                **self.labels,
                "count": self.count,
                "mean_brier": mean["brier"],
                "mean_brier_time_averaged": mean["brier_time_averaged"],
                "mean_log": mean["log"],
                "right_share": mean["right"],
            }
        )


def track_record():
    """Everything the track record page shows, in two queries."""
    overall = _Tally()
    annulled = 0
    categories, years, bins = {}, {}, {}
    for group in Prediction.objects.score_groups():
        if group["status"] == Prediction.Status.ANNULLED:
            annulled += group["count"]
            continue
        overall.add(group)
        key = (group["category__order"], group["category__name"])
        if key not in categories:
            categories[key] = _Tally(
                category__name=group["category__name"], category__slug=group["category__slug"]
            )
        categories[key].add(group)
        years.setdefault(group["year"], _Tally(year=group["year"])).add(group)
        tally = bins.setdefault(group["bin"], {"bin": group["bin"], "count": 0, "sum": 0, "yes": 0})
        tally["count"] += group["count"]
        tally["sum"] += group["forecast"]
        tally["yes"] += group["yes"]
    calibration = calibration_bins(
        {"bin": b["bin"], "count": b["count"], "mean": b["sum"] / b["count"], "yes": b["yes"]}
        for _, b in sorted(bins.items())
    )
    totals = overall.row()
    return {
        "totals": {**totals, "resolved": totals["count"], "annulled": annulled},
        "bins": calibration,
        "calibration": charts.calibration_chart(calibration),
        "by_category": [categories[key].row() for key in sorted(categories)],
        "by_year": [years[key].row() for key in sorted(years, reverse=True)],
        "misses": list(Prediction.objects.biggest_misses()),
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
    """A reader's totals, calibration and latest scored forecasts, in two queries."""
    scores = ReaderScore.objects.filter(reader=reader)
    groups = list(scores.score_groups())
    count = sum(group["count"] for group in groups)
    totals = {"count": count}
    if count:
        totals.update(
            {
                key: sum(group[field] for group in groups) / count
                for key, field in [
                    ("mean_brier", "brier"),
                    ("mean_log", "log"),
                    ("newsroom_brier", "newsroom_brier"),
                    ("right_share", "right"),
                ]
            }
        )
        totals["beats_newsroom"] = totals["mean_brier"] < totals["newsroom_brier"]
        _with_skill(totals)
    bins = calibration_bins(
        {"bin": g["bin"], "count": g["count"], "mean": g["forecast"] / g["count"], "yes": g["yes"]}
        for g in groups
    )
    latest = list(
        scores.select_related("prediction__category").order_by("-prediction__resolved_at")[:recent]
    )
    return {
        "totals": totals,
        "bins": bins,
        "calibration": charts.calibration_chart(bins) if bins else None,
        "latest": latest,
    }
