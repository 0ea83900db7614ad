"""Comments, pending comments, reports and bans now belong to the discussion app (its 0001),
tables and rows as they are: accounts forgets the models and leaves the database alone."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_comment_title_pending_comments"),
        ("discussion", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="ModerationQueueItem"),
                migrations.DeleteModel(name="PendingComment"),
                migrations.DeleteModel(name="Report"),
                migrations.DeleteModel(name="Ban"),
                migrations.DeleteModel(name="Comment"),
            ],
        ),
    ]
