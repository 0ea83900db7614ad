"""Timeline events keep the editor's order: existing timelines are numbered in date order,
the order they were shown in until now."""

from django.db import migrations, models


def number_in_date_order(apps, schema_editor):
    TimelineEvent = apps.get_model("articles", "TimelineEvent")
    events = TimelineEvent.objects.order_by("article_id", "date", "pk").only("article_id")
    numbered, article, position = [], None, 0
    for event in events.iterator(chunk_size=2000):
        position = position + 1 if event.article_id == article else 1
        article = event.article_id
        event.order = position
        numbered.append(event)
    TimelineEvent.objects.bulk_update(numbered, ["order"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_sqlite_full_text_search"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="timelineevent",
            options={"ordering": ["order", "date", "pk"]},
        ),
        migrations.AddField(
            model_name="timelineevent",
            name="order",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(number_in_date_order, migrations.RunPython.noop, elidable=True),
    ]
