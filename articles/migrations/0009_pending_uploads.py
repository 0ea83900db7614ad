"""Images kept from failed saves of the article form (issue 15, item 4)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_editable_updated_date'),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingUpload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=64, unique=True)),
                ('file', models.FileField(upload_to='pending/')),
                ('thumbnail', models.FileField(upload_to='pending/')),
                ('thumbnail_width', models.PositiveSmallIntegerField()),
                ('thumbnail_height', models.PositiveSmallIntegerField()),
                ('name', models.CharField(help_text="The file's name on the editor's computer.", max_length=255)),
                ('content_type', models.CharField(max_length=100)),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
        ),
    ]
