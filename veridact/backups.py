"""Back up and restore the site: the database and every media file, in one folder.

A backup folder holds `database.pgdump` (pg_dump's custom format) or `database.sqlite3`
(a copy made by SQLite's online backup API), `media/` with every stored file under its
stored name, and `manifest.json`. It is written while the site runs: pg_dump reads one
consistent snapshot, and media names never change once written, so a file uploaded during
the backup is at worst missing from it, never half-copied over an older one.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import OperationalError, connection, connections
from django.db.migrations.recorder import MigrationRecorder

from pagecache.versions import forget_everything

MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def default_folder():
    """A new folder under var/backups named by the current UTC time."""
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return settings.VAR_DIR / "backups" / stamp


def _vendor():
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _libpq_environment():
    """Connection settings for pg_dump and friends, taken from DATABASE_URL."""
    database = settings.DATABASES["default"]
    environ = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            environ[variable] = str(database[key])
    if sslmode := database.get("OPTIONS", {}).get("sslmode"):
        environ["PGSSLMODE"] = sslmode
    return environ


def _run(command):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install postgresql-client).")
    result = subprocess.run(  # noqa: S603 (fixed programs, arguments from settings)
        command, env=_libpq_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _media_names(storage, folder=""):
    """Every file name in the storage, bucket or folder alike."""
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _media_names(storage, f"{folder}/{name}" if folder else name)


def _latest_migrations():
    applied = MigrationRecorder(connection).applied_migrations()
    latest = {}
    for app, name in sorted(applied):
        latest[app] = name
    return latest


def backup(*, folder: Path) -> dict:
    """Write the database and every media file to a new folder; return its manifest."""
    vendor = _vendor()
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty; back up into a new folder.")
    (folder / MEDIA).mkdir(parents=True, exist_ok=True)

    dump = folder / DUMPS[vendor]
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"])
    else:
        connection.ensure_connection()
        target = sqlite3.connect(dump)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    files = size = 0
    for name in _media_names(default_storage):
        path = folder / MEDIA / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, path.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        files += 1
        size += path.stat().st_size

    manifest = {
        "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
        "database": vendor,
        "dump": dump.name,
        "migrations": _latest_migrations(),
        "media_files": files,
        "media_bytes": size,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(folder: Path) -> dict:
    """The manifest of a backup folder, checked against the database it would replace."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} has no {MANIFEST}; is it a backup folder?") from None
    if manifest["database"] != _vendor():
        raise BackupError(
            f"This backup is of a {manifest['database']} database; DATABASE_URL points at "
            f"{_vendor()}."
        )
    return manifest


def _create_postgres_database_if_missing():
    try:
        connection.ensure_connection()
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
        _run(["createdb", settings.DATABASES["default"]["NAME"]])


def _restore_media(source: Path):
    restored = kept = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        # A name holds the same bytes for good (see MEDIA_CACHE_CONTROL): one already
        # stored is this very file.
        if default_storage.exists(name):
            kept += 1
            continue
        with path.open("rb") as content:
            stored = default_storage.save(name, File(content))
        if stored != name:
            raise BackupError(f"{name} was stored as {stored}; media storage renames files.")
        restored += 1
    return restored, kept


def restore(*, folder: Path) -> dict:
    """Replace the database with a backup's, put back its media, and forget cached pages."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    dump = folder / manifest["dump"]
    if manifest["database"] == "postgresql":
        _create_postgres_database_if_missing()
        connections.close_all()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={settings.DATABASES['default']['NAME']}",
                str(dump),
            ]
        )
    else:
        connections.close_all()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    restored, kept = _restore_media(folder / MEDIA)
    # Cached pages and parts show what the database held before.
    forget_everything()
    return {**manifest, "media_restored": restored, "media_kept": kept}
