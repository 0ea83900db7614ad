"""A throwaway PostgreSQL server of a test's own, to stop and start while the site runs.

Made with the server binaries Debian's `postgresql` package installs
(/usr/lib/postgresql/<major>/bin), in a temporary folder, on a free port, listening on
127.0.0.1 only; the machine's own server is never touched. PostgreSQL refuses to run as root,
so as root the cluster belongs to, and runs as, the `postgres` user.
"""

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import free_port

SERVER_BINARIES = sorted(
    Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
    key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
)


def server_bin() -> Path | None:
    """The folder of the newest PostgreSQL server binaries installed, if any."""
    return SERVER_BINARIES[-1].parent if SERVER_BINARIES else None


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder, trusting local connections."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="veridact-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.folder, postgres.pw_uid, postgres.pw_gid)
        self._run(
            "initdb",
            "--pgdata",
            self.data,
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-sync",
        )

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, program, *arguments):
        command = [str(self.bin / program), *map(str, arguments)]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self):
        """Start the server and wait until it takes connections."""
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            # A throwaway: durability is not the point, speed is.
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "start", "--pgdata", self.data, "--log", self.log, "-w", "-o", options)

    def stop(self):
        """Stop the server the way a restart does: connections are cut, transactions undone."""
        self._run("pg_ctl", "stop", "--pgdata", self.data, "--mode", "fast", "-w")

    def createdb(self, name: str):
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", name)

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
