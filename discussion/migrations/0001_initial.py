"""The discussion's models move here from accounts, tables, rows and permissions as they are.

Comments, reports, bans and pending comments were made by the accounts app (its 0002 and
0005): their tables keep their
names (`db_table`), so this migration only tells Django that the models now belong here
(no table is created, no row copied), and moves their content types, so that the
permissions granted on them (the Editors' moderation, migration accounts 0003) and the
admin's history follow. accounts 0006 then forgets them.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MODELS = ["comment", "report", "ban", "moderationqueueitem", "pendingcomment"]


def _move_content_types(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A content type of the new app made before this ran (something asked for one) holds
    # nothing anyone was granted yet; the old one, which may, takes its place.
    ContentType.objects.filter(app_label=target, model__in=MODELS).delete()
    ContentType.objects.filter(app_label=source, model__in=MODELS).update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_types(apps, "accounts", "discussion")


def backwards(apps, schema_editor):
    _move_content_types(apps, "discussion", "accounts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0005_comment_title_pending_comments"),
        ("articles", "0009_pending_uploads"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Comment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("body", models.TextField()),
                        ("status", models.CharField(choices=[("visible", "Visible"), ("hidden", "Hidden by moderation"), ("removed", "Removed")], default="visible", max_length=10)),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("edited_at", models.DateTimeField(blank=True, null=True)),
                        ("report_count", models.PositiveIntegerField(default=0, editable=False)),
                        ("needs_review", models.BooleanField(default=False, help_text="Reported since an editor last looked at it.")),
                        ("reviewed_at", models.DateTimeField(blank=True, help_text="When an editor last approved, hid or removed it. Reviewed comments are no longer hidden automatically by reports.", null=True)),
                        ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="comments", to="articles.article")),
                        ("author", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="comments", to=settings.AUTH_USER_MODEL)),
                        ("parent", models.ForeignKey(blank=True, help_text="The comment this one replies to; replies go one level deep.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="replies", to="discussion.comment")),
                        ("title", models.CharField(blank=True, help_text="An optional first line: a title, or the name the reader writes under.", max_length=100)),
                    ],
                    options={
                        "db_table": "accounts_comment",
                        "ordering": ["-created_at", "-pk"],
                        "permissions": [("moderate_comment", "Can approve, hide and remove comments")],
                        "get_latest_by": "created_at",
                        "indexes": [
                            models.Index(fields=["article", "parent", "status", "created_at"], name="comment_thread_idx"),
                            models.Index(fields=["author", "status", "created_at"], name="comment_author_idx"),
                            models.Index(condition=models.Q(("needs_review", True), ("status", "hidden"), _connector="OR"), fields=["created_at"], name="comment_moderation_idx"),
                        ],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(django.db.models.lookups.GreaterThanOrEqual(django.db.models.functions.text.Length("body"), 1), django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("body"), 1000)), name="comment_body_length"),
                            models.CheckConstraint(condition=models.Q(django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length("title"), 100)), name="comment_title_length"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Ban",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("reason", models.CharField(blank=True, help_text="For other editors; the reader does not see it.", max_length=300)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("banned_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="comment_ban", to=settings.AUTH_USER_MODEL, verbose_name="reader")),
                    ],
                    options={
                        "db_table": "accounts_ban",
                        "verbose_name": "reader ban",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Report",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("reason", models.CharField(choices=[("spam", "Spam or advertising"), ("abuse", "Abusive or hateful"), ("off_topic", "Off topic"), ("other", "Something else")], default="other", max_length=10)),
                        ("trusted", models.BooleanField(default=False, editable=False, help_text="Made by an established reader; only such reports hide a comment before an editor looks.")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("comment", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reports", to="discussion.comment")),
                        ("reporter", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="comment_reports", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "accounts_report",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(fields=("comment", "reporter"), name="one_report_per_reader"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PendingComment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(editable=False, max_length=32, unique=True)),
                        ("title", models.CharField(blank=True, max_length=100)),
                        ("body", models.TextField()),
                        ("written_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="articles.article")),
                        ("author", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="pending_comments", to=settings.AUTH_USER_MODEL)),
                        ("comment", models.OneToOneField(blank=True, help_text="The comment it was posted as.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="discussion.comment")),
                    ],
                    options={
                        "db_table": "accounts_pendingcomment",
                        "ordering": ["written_at", "pk"],
                        "indexes": [models.Index(fields=["written_at"], name="pending_comment_written_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="ModerationQueueItem",
                    fields=[],
                    options={
                        "verbose_name": "comment to moderate",
                        "verbose_name_plural": "moderation queue",
                        "proxy": True,
                        "indexes": [],
                        "constraints": [],
                    },
                    bases=("discussion.comment",),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
