"""predictions.scoring against hand-computed values, and its properties with hypothesis."""

import ast
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from predictions import scoring

probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
open_probabilities = st.floats(min_value=0.001, max_value=0.999, allow_nan=False)
outcomes = st.booleans()
percents = st.integers(min_value=1, max_value=99)


def test_module_imports_nothing_from_django():
    tree = ast.parse(Path(scoring.__file__).read_text())
    modules = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in modules if name.split(".")[0] in {"django", "predictions"}]


# Hand-computed values


def test_brier_by_hand():
    assert scoring.brier(0.7, True) == pytest.approx(0.09)
    assert scoring.brier(0.7, False) == pytest.approx(0.49)
    assert scoring.brier(0.5, True) == pytest.approx(0.25)


def test_log_score_matches_the_issue_examples():
    # 100·(log₂ 0.7 + 1) = 100·(−0.51457 + 1) and 100·(log₂ 0.4 + 1) = 100·(−1.32193 + 1).
    assert round(scoring.log_score(0.7, True), 1) == 48.5
    assert round(scoring.log_score(0.4, True), 1) == -32.2
    assert scoring.log_score(0.5, False) == pytest.approx(0.0)
    assert round(scoring.log_score(0.7, False), 1) == round(100 * (math.log2(0.3) + 1), 1)


def test_log_score_of_a_certain_miss_is_refused():
    with pytest.raises(ValueError):
        scoring.log_score(0.0, True)


def test_brier_skill_score_by_hand():
    assert scoring.brier_skill_score(0.1) == pytest.approx(0.6)
    assert scoring.brier_skill_score(0.25) == pytest.approx(0.0)
    assert scoring.brier_skill_score(0.5) == pytest.approx(-1.0)


def test_right_side():
    assert scoring.right_side(0.7, True) == 1
    assert scoring.right_side(0.7, False) == 0
    assert scoring.right_side(0.3, False) == 1
    assert scoring.right_side(0.5, True) == 0.5


def test_time_averaged_weights_each_probability_by_how_long_it_stood():
    # 20 % for 10 s then 60 % for 30 s on a yes: (10·0.64 + 30·0.16) / 40 = 0.28.
    history = [(0, 0.2), (10, 0.6)]
    assert scoring.time_averaged(history, end=40, outcome=True) == pytest.approx(0.28)


def test_time_averaged_ignores_time_before_the_first_and_forecasts_after_the_end():
    history = [(100, 0.2), (110, 0.6), (500, 0.99)]
    assert scoring.time_averaged(history, end=140, outcome=True) == pytest.approx(0.28)


def test_time_averaged_with_log_score():
    history = [(0, 0.5), (10, 0.7)]
    # (10·0 + 10·48.54) / 20
    expected = (100 * (math.log2(0.7) + 1)) / 2
    got = scoring.time_averaged(history, end=20, outcome=True, score=scoring.log_score)
    assert got == pytest.approx(expected)


def test_time_averaged_edge_cases():
    assert scoring.time_averaged([(50, 0.4)], end=40, outcome=True) is None
    assert scoring.time_averaged([(40, 0.4)], end=40, outcome=True) == pytest.approx(0.36)


def test_at_close_and_coverage():
    history = [(0, 0.2), (10, 0.6), (50, 0.9)]
    assert scoring.at_close(history, end=40) == 0.6
    assert scoring.at_close(history, end=-1) is None
    assert scoring.coverage([(25, 0.5)], start=0, end=100) == pytest.approx(0.75)
    assert scoring.coverage([], start=0, end=100) == 0.0


def test_wilson_interval_by_hand():
    # 1 of 4 at z = 1.6449: centre 0.35087, half-width 0.29296.
    low, high = scoring.wilson_interval(1, 4)
    assert low == pytest.approx(0.05791, abs=1e-4)
    assert high == pytest.approx(0.64383, abs=1e-4)
    assert scoring.wilson_interval(0, 0) == (0.0, 1.0)


def test_calibration_bins_by_hand():
    bins = scoring.calibration([(0.05, False), (0.72, True), (0.78, False), (0.99, True)])
    assert [(b.index, b.count, b.yes_count) for b in bins] == [(0, 1, 0), (7, 2, 1), (9, 1, 1)]
    seventies = bins[1]
    assert seventies.mean_forecast == pytest.approx(0.75)
    assert seventies.observed == 0.5
    assert (seventies.lower, seventies.upper) == (70, 79)
    assert (bins[2].lower, bins[2].upper) == (90, 100)


def test_bin_index_edges():
    assert [scoring.bin_index(p) for p in (1, 9, 10, 49, 50, 99, 100)] == [0, 0, 1, 4, 5, 9, 9]


def test_recency_weights_by_hand():
    weights = scoring.recency_weights(3)
    assert weights == pytest.approx(
        [math.exp(1 - math.sqrt(3)), math.exp(math.sqrt(2) - math.sqrt(3)), 1.0]
    )


def test_community_median_favours_recent_forecasts():
    # Oldest first: three readers at 10 %, then 80 % and 90 %. Weights exp(√n − √5) are
    # 0.2905, 0.4396, 0.6041, 0.7898, 1: the three 10 % forecasts hold 1.334 of 3.124, less
    # than half, so the weighted median is 80 where the plain median would be 10.
    latest = [(1, 10), (2, 10), (3, 10), (4, 80), (5, 90)]
    assert scoring.community_median(latest) == 80


def test_community_median_needs_five_readers():
    assert scoring.community_median([(1, 10), (2, 20), (3, 30), (4, 40)]) is None


def test_weighted_median_takes_the_midpoint_on_an_exact_half():
    assert scoring.weighted_median([20, 60], [1, 1]) == 40


# Properties


@given(outcomes)
def test_a_perfect_forecaster_scores_zero_brier_and_full_log_score(outcome):
    certain = 1.0 if outcome else 0.0
    assert scoring.brier(certain, outcome) == 0
    assert scoring.log_score(certain, outcome) == 100


@given(probabilities, outcomes)
def test_brier_stays_in_range(p, outcome):
    assert 0.0 <= scoring.brier(p, outcome) <= 1.0


@given(open_probabilities, outcomes)
def test_log_score_is_at_most_100_and_symmetric(p, outcome):
    score = scoring.log_score(p, outcome)
    assert score <= 100
    assert score == pytest.approx(scoring.log_score(1 - p, not outcome))


@given(open_probabilities, outcomes)
def test_leaning_the_right_way_beats_a_coin_flip(p, outcome):
    if scoring.right_side(p, outcome) == 1:
        assert scoring.brier(p, outcome) < 0.25
        assert scoring.log_score(p, outcome) > 0


@given(
    st.lists(st.tuples(st.integers(0, 10_000), probabilities), min_size=1, max_size=20),
    outcomes,
)
def test_time_average_lies_between_the_best_and_worst_scores(points, outcome):
    history = sorted(points)
    end = history[-1][0] + 1
    average = scoring.time_averaged(history, end=end, outcome=outcome)
    scores = [scoring.brier(p, outcome) for _, p in history]
    assert min(scores) - 1e-9 <= average <= max(scores) + 1e-9


@given(st.lists(st.tuples(percents, outcomes), min_size=1, max_size=200))
def test_bins_partition_the_forecasts(forecasts):
    bins = scoring.calibration([(p / 100, o) for p, o in forecasts])
    assert sum(b.count for b in bins) == len(forecasts)
    assert sum(b.yes_count for b in bins) == sum(o for _, o in forecasts)
    assert [b.index for b in bins] == sorted({scoring.bin_index(p) for p, _ in forecasts})
    for b in bins:
        assert b.lower / 100 - 1e-9 <= b.mean_forecast <= (b.upper + 1) / 100 + 1e-9
        low, high = b.interval
        assert 0 <= low <= b.observed <= high <= 1


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_interval_contains_the_observed_share(k, n):
    k = min(k, n)
    low, high = scoring.wilson_interval(k, n)
    assert 0 <= low <= k / n <= high <= 1


@given(st.lists(st.tuples(st.integers(0, 10**6), percents), min_size=5, max_size=60))
def test_community_median_is_within_the_forecasts(latest):
    median = scoring.community_median(latest)
    values = [p for _, p in latest]
    assert min(values) <= median <= max(values)


@given(percents, st.integers(5, 40))
def test_community_median_of_agreeing_readers_is_their_forecast(p, n):
    assert scoring.community_median([(t, p) for t in range(n)]) == p
