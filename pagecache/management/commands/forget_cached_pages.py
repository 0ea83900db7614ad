"""`manage.py forget_cached_pages`: after a deploy that changed templates."""

from django.core.management.base import BaseCommand

from pagecache.versions import forget_everything


class Command(BaseCommand):
    help = (
        "Drop every cached page and page part, so that pages are rendered again by the code "
        "now deployed (cached ones otherwise stay up to 5 minutes, article parts up to a day)."
    )

    def handle(self, *args, **options):
        forget_everything()
        self.stdout.write(self.style.SUCCESS("Cached pages and parts were dropped."))
