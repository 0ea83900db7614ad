"""Predictions in search: a weighted search document on PostgreSQL (A the claim, B the
resolution criteria, C the resolution note), an FTS5 table of the same columns on SQLite,
each filled for the predictions already there and refreshed afterwards by
predictions.services.prediction_index_for_search."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CREATE = """
CREATE VIRTUAL TABLE predictions_prediction_fts USING fts5(
    claim, criteria, note,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
FILL = """
INSERT INTO predictions_prediction_fts (rowid, claim, criteria, note)
SELECT id, claim, resolution_criteria, resolution_note FROM predictions_prediction
"""
DROP = "DROP TABLE predictions_prediction_fts"


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(CREATE)
        schema_editor.execute(FILL)
    elif vendor == "postgresql":
        Prediction = apps.get_model("predictions", "Prediction")
        Prediction.objects.update(
            search_document=SearchVector("claim", weight="A", config="english")
            + SearchVector("resolution_criteria", weight="B", config="english")
            + SearchVector("resolution_note", weight="C", config="english")
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("predictions", "0002_editors_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="prediction",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="prediction",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="prediction_search_idx"
            ),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
