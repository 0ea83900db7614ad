"""Commit a delivery's sent-mark at the moment its message's final dot leaves for the server.

The chunk sender (`newsletter.sending`) marks each delivery sent with a compare-and-set. On
PostgreSQL that mark is made in a transaction of its own whose COMMIT is written to libpq by
hand, without waiting for the answer, immediately before the SMTP transport writes the
message's final dot (`newsletter.transport`): the two leave the worker as close together as
two system calls can. Django's autocommit is not told about these few statements, so they
are made only outside any `atomic()` block. On SQLite the mark commits with its statement.
"""

import contextlib
import select
import uuid

from django.conf import settings
from django.db import DatabaseError, connection

from newsletter.models import Delivery


@contextlib.contextmanager
def fast_commits():
    """Skip waiting for the WAL flush on sent-marks (see NEWSLETTER_SYNCHRONOUS_COMMIT)."""
    fast = connection.vendor == "postgresql" and not settings.NEWSLETTER_SYNCHRONOUS_COMMIT
    if fast:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        if fast:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


class SentMarker:
    """The per-message compare-and-set, in plain SQL: it runs once per email.

    On PostgreSQL the mark is made inside a transaction (`mark_sent`) whose COMMIT is sent
    without waiting for its answer, immediately followed by the message's final dot
    (`commit_then`). A worker killed at any moment then loses at most the few microseconds
    between two system calls: before the COMMIT leaves, the row stays queued and the server
    discards the unfinished message; once it has left, PostgreSQL commits it even if the
    worker is gone. (Waiting for the COMMIT's answer before writing the dot would leave a
    whole round trip in which a kill loses the message.)
    """

    def __init__(self, owner: uuid.UUID):
        table = connection.ops.quote_name(Delivery._meta.db_table)
        self.owner = Delivery._meta.get_field("lease_owner").get_db_prep_value(owner, connection)
        # The table name and states come from the model, never from input.
        sent, queued = Delivery.State.SENT.value, Delivery.State.QUEUED.value
        self.sql = (
            f"UPDATE {table} SET state = '{sent}', sent_at = CURRENT_TIMESTAMP, "  # noqa: S608
            "attempts = attempts + 1, message_id = %s, last_error = '', "
            "leased_until = NULL, lease_owner = NULL "
            f"WHERE id = %s AND state = '{queued}' AND lease_owner = %s"
        )

    def mark_sent(self, cursor, delivery_id: int, message_id: str) -> bool:
        """Mark the row sent (uncommitted on PostgreSQL); False when another run has it."""
        self.pgconn = _raw_pgconn()
        if self.pgconn is not None:
            _exec_raw(self.pgconn, b"BEGIN")
        try:
            cursor.execute(self.sql, [message_id, delivery_id, self.owner])
        except BaseException:
            self.rollback()
            raise
        if cursor.rowcount == 1:
            return True
        self.rollback()
        return False

    def rollback(self) -> None:
        pgconn, self.pgconn = self.pgconn, None
        if pgconn is not None:
            _exec_raw(pgconn, b"ROLLBACK")

    def commit_then(self, write_dot) -> None:
        """Commit the mark and write the final dot, the two as close together as they can be."""
        pgconn, self.pgconn = self.pgconn, None
        if pgconn is None:  # SQLite: the mark committed with its statement
            write_dot()
            return
        pgconn.send_query(b"COMMIT")  # raises if libpq cannot take it
        while pgconn.flush():
            select.select([], [pgconn.socket], [])
        try:
            write_dot()
        finally:
            _finish_raw(pgconn, b"COMMIT")


def _raw_pgconn():
    """libpq's connection under Django's, for the few statements sent by hand.

    None on SQLite, and inside a transaction someone else opened (`atomic()`), where the
    mark simply becomes part of that transaction.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    connection.ensure_connection()
    return connection.connection.pgconn


def _exec_raw(pgconn, command: bytes) -> None:
    """Run a transaction-control statement by hand (Django's autocommit is not told)."""
    pgconn.send_query(command)  # raises if libpq cannot take it
    while pgconn.flush():
        select.select([], [pgconn.socket], [])
    _finish_raw(pgconn, command)


def _finish_raw(pgconn, command: bytes) -> None:
    from psycopg import pq

    failure = None
    while True:
        while pgconn.is_busy():
            select.select([pgconn.socket], [], [])
            pgconn.consume_input()
        result = pgconn.get_result()
        if result is None:
            break
        if result.status != pq.ExecStatus.COMMAND_OK:
            failure = result.get_field(pq.DiagnosticField.MESSAGE_PRIMARY) or result.status
    if failure is not None:
        raise DatabaseError(f"{command.decode()} failed: {failure!r}")


@contextlib.contextmanager
def marker_cursor():
    """A cursor whose statements PostgreSQL plans once (a prepared statement), not per email.

    Django binds parameters on the client and never prepares; this cursor binds on the
    server and prepares, and is still a Django cursor, so query counting sees it.
    """
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    class PreparedCursor(psycopg.Cursor):
        def execute(self, query, params=None, *, prepare=True, binary=None):
            return super().execute(query, params, prepare=prepare, binary=binary)

    connection.ensure_connection()
    raw = PreparedCursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        yield cursor
