"""An index of featured articles, so that the home page finds its lead story without reading
the others, however large the archive."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_pending_uploads"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(is_featured=True),
                fields=["status", "published_at"],
                name="article_featured_idx",
            ),
        ),
    ]
