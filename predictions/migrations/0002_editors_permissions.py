from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors write predictions and append probability updates; they do not delete predictions
# (annul instead, which is disclosed) and only look at readers' forecasts.
EDITOR_PERMISSIONS = [
    ("prediction", ["add", "change", "view"]),
    ("probabilityupdate", ["add", "view"]),
    ("forecast", ["view"]),
    ("readerscore", ["view"]),
    ("readerrecord", ["view"]),
    ("communitysnapshot", ["view"]),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    # Permissions are normally created after all migrations; editors need them now.
    app_config = apps.get_app_config("predictions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = [
        f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS for action in actions
    ]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="predictions", codename__in=codenames)
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="predictions")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("predictions", "0001_initial"),
        ("articles", "0002_categories_pages_editors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
