"""The services enqueue tasks by name: every name is a task in a fresh Django process."""

import subprocess
import sys
from pathlib import Path

import pytest

from newsletter import dispatch

ROOT = Path(__file__).resolve().parents[2]
NAMES = [dispatch.SEND_NOTICE, dispatch.SEND_CHUNK]


def test_a_fresh_django_process_registers_every_task_the_services_enqueue():
    # Nothing in a web process imports `newsletter.tasks` but the app's ready().
    script = "from celery import current_app; print(' '.join(current_app.tasks))"
    answer = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "--command", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    registered = answer.stdout.split()
    for name in NAMES:
        assert name in registered


def test_an_unknown_task_name_is_a_bug_not_an_outage():
    with pytest.raises(KeyError):
        dispatch.enqueue("newsletter.no_such_task", 1)
