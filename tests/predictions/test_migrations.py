"""Migrations that move data: the stored current probability is filled from the history."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("predictions", "0004_resolution_alerts")]
AFTER = [("predictions", "0005_current_probability")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_after():
    """Leave the database migrated to the latest state, as the rest of the suite expects."""
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_current_probability_is_filled_with_each_predictions_latest_update():
    apps = migrate(BEFORE)
    Category = apps.get_model("articles", "Category")
    Prediction = apps.get_model("predictions", "Prediction")
    ProbabilityUpdate = apps.get_model("predictions", "ProbabilityUpdate")
    now = timezone.now()
    category = Category.objects.create(name="Migration", slug="migration", description="x")

    def prediction(slug):
        return Prediction.objects.create(
            claim=slug,
            slug=slug,
            category=category,
            resolution_criteria="x",
            opened_at=now - datetime.timedelta(days=10),
            closes_at=now + datetime.timedelta(days=10),
            resolve_by=(now + datetime.timedelta(days=20)).date(),
        )

    moved, untouched = prediction("moved"), prediction("untouched")
    # Written out of order: the latest by time is current, not the last row written.
    for days_ago, probability in [(5, 40), (1, 70), (3, 55)]:
        ProbabilityUpdate.objects.create(
            prediction=moved,
            probability=probability,
            rationale="x",
            created_at=now - datetime.timedelta(days=days_ago),
        )

    apps = migrate(AFTER)
    Prediction = apps.get_model("predictions", "Prediction")
    current = dict(Prediction.objects.values_list("slug", "current_probability"))
    assert current == {moved.slug: 70, untouched.slug: None}
