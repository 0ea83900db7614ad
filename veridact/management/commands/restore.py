"""`manage.py restore FOLDER`: put a backup back, replacing the database."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from veridact import backups


class Command(BaseCommand):
    help = (
        "Replace the database with a backup's and put back its media files. Stop web, "
        "worker and beat first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, folder, interactive=True, **options):
        try:
            manifest = backups.read_manifest(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        database = settings.DATABASES["default"]["NAME"]
        if interactive:
            answer = input(
                f"This replaces everything in the database {database} with the backup made "
                f"{manifest['created_at']}. Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            result = backups.restore(folder=folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the database {database} from {folder}; media: "
                f"{result['media_restored']} files put back, {result['media_kept']} already "
                "there. Cached pages were dropped."
            )
        )
