from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors follow the newsletter (who subscribes, how each issue went) without changing it.
EDITOR_PERMISSIONS = ["view_subscriber", "view_digestissue", "view_delivery"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Permissions are normally created after all migrations; the group needs them now.
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="newsletter", codename__in=EDITOR_PERMISSIONS
        )
    )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsletter", codename__in=EDITOR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("articles", "0002_categories_pages_editors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
