from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors moderate the discussion: they see and moderate comments and their reports, and
# ban readers. They may look readers up (for bans) but not change their accounts.
EDITOR_PERMISSIONS = [
    ("comment", ["view_comment", "moderate_comment"]),
    ("moderationqueueitem", ["view_moderationqueueitem"]),
    ("report", ["view_report"]),
    ("ban", ["view_ban", "add_ban", "change_ban", "delete_ban"]),
    ("user", ["view_user"]),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    # Permissions are normally created after all migrations; editors need them now.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    editors, _ = Group.objects.get_or_create(name="Editors")
    for model, codenames in EDITOR_PERMISSIONS:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="accounts",
                content_type__model=model,
                codename__in=codenames,
            )
        )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        codenames = [codename for _, names in EDITOR_PERMISSIONS for codename in names]
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_comments_reports_bans"),
        ("articles", "0002_categories_pages_editors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
