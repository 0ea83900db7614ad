"""`manage.py backup`: the database and every media file, into one new folder."""

from django.core.management.base import BaseCommand, CommandError

from veridact import backups


class Command(BaseCommand):
    help = "Back up the database and the media (bucket or folder) into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", dest="folder", help="The folder to write (default: var/backups/<UTC time>)."
        )

    def handle(self, *args, folder=None, **options):
        folder = folder or backups.default_folder()
        try:
            manifest = backups.backup(folder=folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['database']} database and {manifest['media_files']} "
                f"media files ({manifest['media_bytes'] / 1024 / 1024:.1f} MB) to {folder}"
            )
        )
