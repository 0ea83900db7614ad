#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path

# The development settings `make run` writes (DEBUG on, a secret of this checkout's own):
# commands typed by hand read them too (veridact.settings, ENV_FILE).
DEVELOPMENT_ENV_FILE = Path(__file__).resolve().parent / ".env"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veridact.settings")
    if DEVELOPMENT_ENV_FILE.is_file():
        os.environ.setdefault("ENV_FILE", str(DEVELOPMENT_ENV_FILE))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
