"""Related Coverage editors can pin to (issue 15, item 6), and the Editors group's rights to it."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def editors_may_pin(apps, schema_editor):
    # Permissions are normally created after all migrations; editors need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", content_type__model="relatedarticle"
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_old_addresses'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='related_automatic',
            field=models.BooleanField(default=True, help_text='Related Coverage shows the pinned articles below first, then the latest in the category up to four. Untick to show the pinned articles only.', verbose_name='fill Related Coverage with the latest in the category'),
        ),
        migrations.CreateModel(
            name='RelatedArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_pins', to='articles.article')),
                ('related', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pinned_by', to='articles.article', verbose_name='article')),
            ],
            options={
                'verbose_name': 'pinned related article',
                'ordering': ['order', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('article', 'related'), name='related_article_once', violation_error_message='This article is pinned already.'), models.CheckConstraint(condition=models.Q(('related', models.F('article')), _negated=True), name='related_article_not_itself', violation_error_message='An article cannot be related to itself.')],
            },
        ),
        migrations.RunPython(editors_may_pin, migrations.RunPython.noop),
    ]
