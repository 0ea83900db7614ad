from django.db import migrations, models

from newsletter.mailboxes import canonical_mailbox


def fill_mailboxes(apps, schema_editor):
    Subscriber = apps.get_model("newsletter", "Subscriber")
    subscribers = list(Subscriber.objects.only("email"))
    for subscriber in subscribers:
        subscriber.mailbox = canonical_mailbox(subscriber.email)
    Subscriber.objects.bulk_update(subscribers, ["mailbox"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0003_outbox_account_emails"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscriber",
            name="mailbox",
            field=models.CharField(db_index=True, default="", editable=False, max_length=254),
            preserve_default=False,
        ),
        migrations.RunPython(fill_mailboxes, migrations.RunPython.noop),
    ]
