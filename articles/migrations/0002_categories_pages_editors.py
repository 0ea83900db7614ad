from django.contrib.auth.management import create_permissions
from django.db import migrations

CATEGORIES = [
    ("Tech", "tech", "Platforms, chips, AI and the launches that will shape them.", "#2453c6", 1),
    ("Sports", "sports", "Tournaments, transfers and the numbers behind the next result.", "#1b7a43", 2),
    ("Finance", "finance", "Rates, earnings and markets, before the announcement.", "#8a5a00", 3),
    ("Gaming", "gaming", "Releases, platforms and esports, ahead of launch day.", "#7d36c0", 4),
]

ABOUT = """Veridact publishes analysis before the headline. Each article looks at an event in tech, sports, finance or gaming that has not happened yet and sets out what we expect, why, and how confident we are.

Every article follows the same shape: an **Outlook** with our view, the **Background** a reader needs, **Precedents** from similar events, **Scenarios** with probabilities, a **Timeline** of what comes next, and answers to the questions readers ask.

Our forecasts are kept in public. Each prediction has a probability history, a resolution and a score, and our track record shows how well calibrated we have been, misses included."""

PRIVACY = """We collect as little as we can. If you create an account we store your email address, the display name you choose, an optional short bio, and what you post. If you subscribe to the newsletter we store your email address, your preferences, and when and from which IP address you gave consent.

We use a session cookie to keep you signed in and a security cookie to protect forms. We do not use advertising or tracking cookies.

You can change your details, unsubscribe from every email with one click, or delete your account from your settings page at any time. Deleting your account removes your personal data; your comments remain, attributed to "[deleted user]"."""

EDITOR_MODELS = ["category", "author", "article", "scenario", "timelineevent", "faqitem", "page"]


def forwards(apps, schema_editor):
    Category = apps.get_model("articles", "Category")
    Page = apps.get_model("articles", "Page")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    for name, slug, description, colour, order in CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "accent_colour": colour, "order": order},
        )
    Page.objects.get_or_create(slug="about", defaults={"title": "About Us", "body": ABOUT})
    Page.objects.get_or_create(slug="privacy", defaults={"title": "Privacy Policy", "body": PRIVACY})

    # Permissions are normally created after all migrations; editors need them now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", content_type__model__in=EDITOR_MODELS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
