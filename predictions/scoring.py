"""Scoring and calibration of probability forecasts: pure functions, no Django.

Probabilities here are fractions in [0, 1]; the models store whole percentages and
callers divide by 100. Outcomes are booleans (True: the question resolved yes).
Histories are sequences of (time, probability) sorted by time, where time is anything
that subtracts to a `datetime.timedelta` or a number (datetimes, or plain seconds).
"""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

# z for a two-sided 90 % interval: the 95th percentile of the standard normal.
Z_90 = 1.6448536269514722
# An always-50 % forecaster's Brier score, whatever happens: (0.5 − o)² = 0.25.
COIN_FLIP_BRIER = 0.25
BIN_WIDTH = 10  # percentage points
BIN_COUNT = 10


def brier(probability: float, outcome: bool) -> float:
    """Return the Brier score (p − o)²: 0 is perfect, 1 the worst possible."""
    return (probability - float(outcome)) ** 2


def log_score(probability: float, outcome: bool) -> float:
    """Return the baseline log score 100·(log₂ p_outcome + 1): +100 perfect, 0 a coin flip."""
    p_outcome = probability if outcome else 1.0 - probability
    if p_outcome <= 0:
        raise ValueError("The log score of a certain miss is minus infinity.")
    return 100.0 * (math.log2(p_outcome) + 1.0)


def brier_skill_score(mean_brier: float, reference: float = COIN_FLIP_BRIER) -> float:
    """Return 1 − Brier / reference: 1 perfect, 0 no better than always saying 50 %."""
    return 1.0 - mean_brier / reference


def right_side(probability: float, outcome: bool) -> float:
    """Return 1 if the forecast leaned towards what happened, 0 if away, ½ at exactly 50 %."""
    if probability == 0.5:
        return 0.5
    return 1.0 if (probability > 0.5) == outcome else 0.0


def _seconds(delta) -> float:
    return delta.total_seconds() if isinstance(delta, timedelta) else float(delta)


def time_averaged(
    history: Sequence[tuple],
    *,
    end,
    outcome: bool,
    score: Callable[[float, bool], float] = brier,
) -> float | None:
    """Return the score averaged over time, each probability weighted by how long it stood.

    The window runs from the first forecast to `end` (the close, or an earlier resolution):
    time before the first forecast is not counted, forecasts made after `end` are ignored.
    A forecaster whose only forecast came at `end` itself is scored on it; one with no
    forecast before `end` has no score (None).
    """
    points = [(time, p) for time, p in history if time <= end]
    if not points:
        return None
    total = 0.0
    weighted = 0.0
    for (time, probability), (next_time, _) in zip(points, [*points[1:], (end, None)], strict=True):
        duration = _seconds(next_time - time)
        weighted += duration * score(probability, outcome)
        total += duration
    if total <= 0:
        return score(points[-1][1], outcome)
    return weighted / total


def at_close(history: Sequence[tuple], *, end) -> float | None:
    """Return the probability standing at `end`: the last one given at or before it."""
    standing = None
    for time, probability in history:
        if time > end:
            break
        standing = probability
    return standing


def coverage(history: Sequence[tuple], *, start, end) -> float:
    """Return the share of the window [start, end] during which a forecast stood."""
    points = [time for time, _ in history if time <= end]
    span = _seconds(end - start)
    if not points or span <= 0:
        return 1.0 if points else 0.0
    covered = _seconds(end - max(points[0], start))
    return min(1.0, max(0.0, covered / span))


# Calibration


def bin_index(percent: float) -> int:
    """Return the calibration bin of a percentage: 0 for 0–9 %, …, 9 for 90–100 %."""
    # Rounding first keeps 0.7 · 100 = 70.00000000000001 (or 69.999…) in the 70s bin.
    return min(BIN_COUNT - 1, max(0, int(round(percent, 6) // BIN_WIDTH)))


def wilson_interval(successes: int, trials: int, z: float = Z_90) -> tuple[float, float]:
    """Return the Wilson score interval for a proportion (90 % by default)."""
    if trials <= 0:
        return (0.0, 1.0)
    phat = successes / trials
    denominator = 1 + z * z / trials
    centre = (phat + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(phat * (1 - phat) / trials + z * z / (4 * trials * trials)) / denominator
    # At k = 0 or k = n a bound is exactly 0 or 1; floating point can miss it by an ulp.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return (min(low, phat), max(high, phat))


@dataclass(frozen=True)
class CalibrationBin:
    index: int
    count: int
    mean_forecast: float  # fraction
    yes_count: int

    @property
    def lower(self) -> int:
        return self.index * BIN_WIDTH

    @property
    def upper(self) -> int:
        """The bin's upper bound in percent, inclusive for display (9, 19, …, 100)."""
        return 100 if self.index == BIN_COUNT - 1 else self.lower + BIN_WIDTH - 1

    @property
    def observed(self) -> float:
        return self.yes_count / self.count

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.yes_count, self.count)


def calibration_bin(index: int, count: int, mean_forecast: float, yes_count: int) -> CalibrationBin:
    """Build one bin from totals, as a database aggregate returns them (mean as a fraction)."""
    if count <= 0 or not 0 <= yes_count <= count:
        raise ValueError("A bin needs 0 ≤ yes_count ≤ count and count > 0.")
    return CalibrationBin(index, count, mean_forecast, yes_count)


def calibration(forecasts: Iterable[tuple[float, bool]]) -> list[CalibrationBin]:
    """Group (probability, outcome) pairs into bins of 10 points; empty bins are left out."""
    totals: dict[int, list] = {}
    for probability, outcome in forecasts:
        entry = totals.setdefault(bin_index(probability * 100), [0, 0.0, 0])
        entry[0] += 1
        entry[1] += probability
        entry[2] += int(outcome)
    return [
        calibration_bin(index, count, total / count, yes)
        for index, (count, total, yes) in sorted(totals.items())
    ]


# Community forecast


def recency_weights(count: int) -> list[float]:
    """Return exp(√n − √N) for n = 1…N: the oldest of N forecasts weighs least, the newest 1."""
    root_n = math.sqrt(count)
    return [math.exp(math.sqrt(n) - root_n) for n in range(1, count + 1)]


def weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    """Return the value at which the cumulative weight (values sorted) reaches half the total.

    When it lands exactly on half, the midpoint between that value and the next is taken.
    """
    if not values or len(values) != len(weights):
        raise ValueError("Need as many weights as values, and at least one.")
    pairs = sorted(zip(values, weights, strict=True))
    half = sum(weights) / 2
    cumulative = 0.0
    for position, (value, weight) in enumerate(pairs):
        cumulative += weight
        if math.isclose(cumulative, half, rel_tol=1e-12) and position + 1 < len(pairs):
            return (value + pairs[position + 1][0]) / 2
        if cumulative > half:
            return value
    return pairs[-1][0]


def community_median(latest: Sequence[tuple], minimum: int = 5) -> float | None:
    """Return the recency-weighted median of each reader's latest (time, probability).

    None while fewer than `minimum` readers have forecast.
    """
    if len(latest) < minimum:
        return None
    ordered = sorted(latest, key=lambda point: point[0])
    return weighted_median([p for _, p in ordered], recency_weights(len(ordered)))
