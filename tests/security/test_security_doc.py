"""docs/security.md shows the limits the settings set, and the README leads to it."""

from pathlib import Path

from django.conf import settings

from discussion.models import COMMENT_MAX_LENGTH, EDIT_WINDOW, REPORTS_TO_HIDE

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "security.md"


def limits_table():
    """The limits table: each row's first cell (the setting) to its second (the value)."""
    rows = {}
    for line in DOC.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3:
            rows[cells[0]] = cells[1]
    return rows


def megabytes(size):
    return f"{size // 2**20} MB"


def test_every_rate_limit_is_listed_with_its_value():
    table = limits_table()
    for name, limits in [
        ("RATE_LIMITS", settings.RATE_LIMITS),
        ("ACCOUNT_RATE_LIMITS", settings.ACCOUNT_RATE_LIMITS),
    ]:
        for action, value in limits.items():
            assert table.get(f'`{name}["{action}"]`') == f"`{value}`", (name, action)


def test_the_other_numbers_are_the_settings():
    table = limits_table()
    expected = {
        "`NEWSLETTER_NOTICE_THROTTLE_SECONDS`": f"`{settings.NEWSLETTER_NOTICE_THROTTLE_SECONDS}`",
        "`TRUSTED_REPORTER_DAYS`, `TRUSTED_REPORTER_COMMENTS`": (
            f"`{settings.TRUSTED_REPORTER_DAYS}`, `{settings.TRUSTED_REPORTER_COMMENTS}`"
        ),
        "`FORECAST_BURST_SECONDS`": f"`{settings.FORECAST_BURST_SECONDS}`",
        "`COMMENT_MAX_LENGTH`, `EDIT_WINDOW`": (
            f"`{COMMENT_MAX_LENGTH}`, {EDIT_WINDOW.total_seconds() // 60:.0f} minutes"
        ),
        "`REQUEST_MAX_SIZE`": megabytes(settings.REQUEST_MAX_SIZE),
        "`IMAGE_UPLOAD_MAX_SIZE`": megabytes(settings.IMAGE_UPLOAD_MAX_SIZE),
        "`DATA_UPLOAD_MAX_MEMORY_SIZE`": megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
        "`DATA_UPLOAD_MAX_NUMBER_FIELDS`, `DATA_UPLOAD_MAX_NUMBER_FILES`": (
            f"`{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}`, `{settings.DATA_UPLOAD_MAX_NUMBER_FILES}`"
        ),
        "`PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS`, `PURGE_SENT_EMAILS_DAYS`": (
            f"`{settings.PURGE_UNCONFIRMED_SUBSCRIBERS_DAYS}`, `{settings.PURGE_SENT_EMAILS_DAYS}`"
        ),
    }
    for setting, value in expected.items():
        assert table.get(setting) == value, setting
    assert "three such reports (`REPORTS_TO_HIDE`)" in DOC.read_text().replace("\n", " ")
    assert REPORTS_TO_HIDE == 3


def test_the_readme_links_to_it():
    assert "[docs/security.md](docs/security.md)" in (ROOT / "README.md").read_text()
