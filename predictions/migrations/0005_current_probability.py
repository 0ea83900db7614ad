"""The newsroom's current probability is stored on the prediction (kept by the service that
appends an update), so that the home page's box and the lists need no correlated subquery."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_current_probability(apps, schema_editor):
    Prediction = apps.get_model("predictions", "Prediction")
    ProbabilityUpdate = apps.get_model("predictions", "ProbabilityUpdate")
    latest = ProbabilityUpdate.objects.filter(prediction=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    Prediction.objects.update(current_probability=Subquery(latest.values("probability")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("predictions", "0004_resolution_alerts"),
    ]

    operations = [
        migrations.AddField(
            model_name="prediction",
            name="current_probability",
            field=models.PositiveSmallIntegerField(
                editable=False, help_text="The newsroom's latest probability.", null=True
            ),
        ),
        migrations.RunPython(
            fill_current_probability, migrations.RunPython.noop, elidable=False
        ),
        migrations.AddConstraint(
            model_name="prediction",
            constraint=models.CheckConstraint(
                condition=models.Q(current_probability__isnull=True)
                | models.Q(current_probability__gte=1, current_probability__lte=99),
                name="prediction_current_probability_range",
            ),
        ),
    ]
