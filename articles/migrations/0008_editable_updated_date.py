"""Editors may set an article's Updated date (issue 15, item 3)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0007_related_coverage_pins'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='updated_at',
            field=models.DateTimeField(blank=True, help_text='When readers last saw a substantive change: shown as “Updated” with the note below. Set it (a correction, an imported story), or tick the box above to use the time of saving; leave both for typo fixes.', null=True, verbose_name='updated'),
        ),
    ]
