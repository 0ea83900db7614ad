"""Run one digest issue now, showing progress; or, with --dry-run, say what it would send."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsletter import issuing, sending
from newsletter.models import Delivery, DigestIssue, Frequency


class Command(BaseCommand):
    help = "Create and send a digest issue now (in this process, or with --queue by the workers)."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=Frequency.values, required=True)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show articles and recipients; send nothing."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Leave the sending to the Celery workers and follow their progress.",
        )
        parser.add_argument(
            "--timeout", type=int, default=3600, help="Stop following progress after this long."
        )

    def handle(self, *args, frequency, dry_run, queue, timeout, **options):
        now = timezone.now()
        if dry_run:
            return self.show_plan(issuing.issue_plan(frequency=frequency, now=now))
        run = f"manual-{now:%Y%m%dT%H%M%S}"
        issue = issuing.issue_create(frequency=frequency, run=run, now=now)
        if issue is None:
            self.stdout.write("Nothing to send: no new articles since the previous issue.")
            return
        self.stdout.write(
            f"Issue {issue.pk} “{issue.subject}”: {issue.recipients} recipients "
            f"in {issue.chunk_count} chunks."
        )
        deadline = time.monotonic() + timeout
        if queue:
            self.follow(issue, deadline)
        else:
            self.send_here(issue, deadline)
        self.report(issue)

    def show_plan(self, plan):
        self.stdout.write(
            f"Dry run: the {plan.frequency} digest would cover "
            f"{plan.window_start:%Y-%m-%d %H:%M} to {plan.window_end:%Y-%m-%d %H:%M} UTC."
        )
        if not plan.articles:
            self.stdout.write("No new articles: no issue would be sent.")
            return
        for article in plan.articles:
            self.stdout.write(f"  [{article.category.name}] {article.title}")
        self.stdout.write(f"{plan.recipients} subscribers would receive it.")

    def progress(self, issue):
        counts = issue.deliveries.exclude(state=Delivery.State.QUEUED).count()
        self.stdout.write(f"Sent {counts} of {issue.recipients}")
        return counts

    def send_here(self, issue, deadline):
        # Each chunk is one claim; rows waiting for a retry are picked up on a later pass.
        while time.monotonic() < deadline:
            waits = []
            chunks = sorted(
                set(issue.deliveries.queued().values_list("chunk", flat=True).distinct())
            )
            if not chunks:
                return
            for chunk in chunks:
                report = sending.chunk_send(issue_id=issue.pk, chunk=chunk)
                if report.retry_in is not None:
                    waits.append(report.retry_in)
                self.progress(issue)
            if waits:
                time.sleep(min(waits))
        raise CommandError("Timed out; the rows still queued are sent by the workers' sweep.")

    def follow(self, issue, deadline):
        while time.monotonic() < deadline:
            issue.refresh_from_db()
            self.progress(issue)
            if issue.status == DigestIssue.Status.DONE:
                return
            time.sleep(2)
        raise CommandError("Timed out waiting for the workers; the issue keeps sending.")

    def report(self, issue):
        sent = issue.deliveries.filter(state=Delivery.State.SENT).count()
        failed = issue.deliveries.filter(state=Delivery.State.FAILED).count()
        self.stdout.write(self.style.SUCCESS(f"Done: {sent} sent, {failed} failed."))
