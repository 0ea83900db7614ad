"""Expressions the predictions' queries and constraints share."""

from django.db.models import Case, F, FloatField, Q, Sum, Value, When

PROBABILITY_RANGE = Q(probability__gte=1) & Q(probability__lte=99)


def right_side(probability="final_probability", outcome="outcome"):
    """1 when the forecast leaned towards what happened, ½ at exactly 50 %, else 0."""
    return Case(
        When(**{probability: 50}, then=Value(0.5)),
        When(
            Q(**{f"{probability}__gt": 50, outcome: True})
            | Q(**{f"{probability}__lt": 50, outcome: False}),
            then=Value(1.0),
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )


def yes_count(outcome="outcome"):
    """The number of rows whose outcome was yes."""
    return Sum(Case(When(**{outcome: True}, then=1), default=0))


def calibration_bin(probability="final_probability"):
    """The 10-point bin of a whole-percent probability, 0 to 9."""
    # Whole percentages divide as integers on SQLite and PostgreSQL: 0–9 → 0, …, 90–99 → 9.
    return F(probability) / 10
