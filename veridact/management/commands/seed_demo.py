"""Load the demo newsroom: each app that has a `demo` module seeds its part, in order.

A site-level command: it names the apps, which no app does of the apps above it.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article

# Order matters: comments are on articles by readers, predictions link to articles, forecasts
# are readers'.
DEMO_MODULES = [
    "articles.demo",
    "accounts.demo",
    "discussion.demo",
    "predictions.demo",
    "newsletter.demo",
]


class Command(BaseCommand):
    help = "Load demo content (idempotent). Run by `make run` on an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has content.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("Database has content; demo content not loaded.")
            return
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
