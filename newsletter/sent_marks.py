"""Commit a delivery's sent-mark at the moment its message's final dot leaves for the server.

The chunk sender (`newsletter.sending`) marks each delivery sent with a compare-and-set. On
PostgreSQL that mark is made in a transaction of its own whose COMMIT is written to libpq by
hand, without waiting for the answer, immediately before the SMTP transport writes the
message's final dot (`newsletter.transport`): the two leave the worker as close together as
two system calls can. Django's autocommit is not told about these few statements, so they
are made only outside any `atomic()` block. On SQLite the mark commits with its statement.

On PostgreSQL the marks of a chunk run go through libpq's pipeline mode, so that no email
waits for the database: a message's COMMIT leaves in one write with the next message's mark
(BEGIN and the compare-and-set, uncommitted), which PostgreSQL makes while the SMTP server
answers; its answers are read when that next message's dot is due. A mark made ahead holds
its row's lock until it is committed as its own dot leaves, or rolled back (by a worker
that dies, with its connection). The dot still follows the COMMIT's write directly.
"""

import collections
import contextlib
import itertools
import select

from django.conf import settings
from django.db import DatabaseError, connection

from newsletter.models import Delivery


@contextlib.contextmanager
def fast_commits():
    """Skip waiting for the WAL flush on a chunk's commits (see NEWSLETTER_SYNCHRONOUS_COMMIT)."""
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


def _mark_sql(placeholder):
    table = connection.ops.quote_name(Delivery._meta.db_table)
    # The table name and states come from the model, never from input.
    sent, queued = Delivery.State.SENT.value, Delivery.State.QUEUED.value
    first, second, third = (placeholder(n) for n in (1, 2, 3))
    return (
        f"UPDATE {table} SET state = '{sent}', sent_at = CURRENT_TIMESTAMP, "  # noqa: S608
        f"attempts = attempts + 1, message_id = {first}, last_error = '', "
        "leased_until = NULL, lease_owner = NULL "
        f"WHERE id = {second} AND state = '{queued}' AND lease_owner = {third}"
    )


class SentMarker:
    """The per-message compare-and-set: it runs once per email.

    On PostgreSQL the mark is made inside a transaction (`mark_sent`) whose COMMIT is sent
    without waiting for its answer, immediately followed by the message's final dot
    (`commit_then`). A worker killed at any moment then loses at most the few microseconds
    between two system calls: before the COMMIT leaves, the row stays queued and the server
    discards the unfinished message; once it has left, PostgreSQL commits it even if the
    worker is gone. (Waiting for the COMMIT's answer before writing the dot would leave a
    whole round trip in which a kill loses the message.)

    Call `settle()` before any other query on the connection while marks are in flight;
    `_Outcomes` and the chunk loop in `newsletter.sending` do.
    """

    _names = itertools.count(1)

    def __init__(self, owner):
        self.owner = Delivery._meta.get_field("lease_owner").get_db_prep_value(owner, connection)
        self.sql = _mark_sql(lambda n: "%s")
        self.pipeline = None  # a _Pipeline while marks are in flight (PostgreSQL)

    def mark_sent(self, cursor, delivery_id: int, message_id: str) -> bool:
        """Mark the row sent (uncommitted on PostgreSQL); False when another run has it."""
        pipeline = self.pipeline or self._start()
        if pipeline is None:  # SQLite, or inside a transaction someone else opened
            cursor.execute(self.sql, [message_id, delivery_id, self.owner])
            return cursor.rowcount == 1
        updated = pipeline.mark_result(delivery_id)
        if updated is None:  # not made ahead: make it now
            pipeline.send(mark=(delivery_id, message_id))
            updated = pipeline.mark_result(delivery_id)
        if updated == 1:
            return True
        pipeline.send(rollback=True)
        return False

    def commit_then(self, write_dot, ahead=None) -> None:
        """Commit the mark and write the final dot, the two as close together as they can be.

        `ahead` is (delivery id, message id) of the chunk's next message: its mark leaves
        in the same write as this COMMIT, to be made while the SMTP server answers.
        """
        pipeline = self.pipeline
        if pipeline is None:  # SQLite: the mark committed with its statement
            write_dot()
            return
        # Raises if libpq cannot take it, and the dot then stays unwritten.
        pipeline.send(commit=True, mark=ahead)
        write_dot()

    def settle(self) -> None:
        """Finish what is in flight (a mark made ahead is rolled back) and hand the connection
        back to Django; raise DatabaseError if a sent-mark failed to commit."""
        pipeline, self.pipeline = self.pipeline, None
        if pipeline is None:
            return
        try:
            pipeline.close()
        finally:
            if connection.queries_logged:
                connection.queries_log.extend(
                    {"sql": pipeline.sql, "time": "0.000"} for _ in range(pipeline.marks)
                )

    def _start(self):
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return None
        connection.ensure_connection()
        name = f"newsletter_sent_mark_{next(self._names)}".encode()
        self.pipeline = _Pipeline(
            connection.connection.pgconn, name, _mark_sql("${}".format), self.owner
        )
        return self.pipeline


# What a pipelined command's answer is for.
_SYNC, _MARK, _COMMIT, _OTHER = "sync", "mark", "commit", "other"


class _Pipeline:
    """libpq's pipeline mode on Django's connection, for the sent-marks of one chunk run.

    Each `send()` is one group of commands ending with a sync point, written to the socket
    at once; `expected` lists, in order, what each answer still to be read belongs to.
    """

    def __init__(self, pgconn, name: bytes, sql: str, owner):
        from psycopg import pq

        self.ok = pq.ExecStatus.COMMAND_OK
        self.fatal = pq.ExecStatus.FATAL_ERROR
        self.pgconn = pgconn
        self.sql = sql
        self.owner = str(owner).encode()
        self.marks = 0  # sent in all
        self.marks_due = 0  # sent and not read yet
        self.expected = collections.deque()
        self.in_transaction = False  # a BEGIN went out and no COMMIT or ROLLBACK since
        pgconn.enter_pipeline_mode()
        # Prepared once per chunk run, so that each email's three statements skip parsing.
        self.mark, self.begin, self.commit = name, name + b"_begin", name + b"_commit"
        self.statements = [self.mark, self.begin, self.commit]
        for statement, text in zip(
            self.statements, [sql.encode(), b"BEGIN", b"COMMIT"], strict=True
        ):
            pgconn.send_prepare(statement, text)  # they go with the first group
            self.expected.append((_OTHER, None))

    def send(self, *, commit=False, rollback=False, mark=None) -> None:
        """Send COMMIT or ROLLBACK, then BEGIN and the mark of (delivery id, message id)."""
        pgconn, expected = self.pgconn, self.expected
        if commit:
            pgconn.send_query_prepared(self.commit, None)
            expected.append((_COMMIT, None))
            self.in_transaction = False
        elif rollback:
            pgconn.send_query_params(b"ROLLBACK", None)
            expected.append((_OTHER, None))
            self.in_transaction = False
        if mark is not None:
            delivery_id, message_id = mark
            pgconn.send_query_prepared(self.begin, None)
            expected.append((_OTHER, None))
            params = [message_id.encode(), str(delivery_id).encode(), self.owner]
            pgconn.send_query_prepared(self.mark, params)
            expected.append((_MARK, delivery_id))
            self.marks += 1
            self.marks_due += 1
            self.in_transaction = True
        self._sync()

    def _sync(self) -> None:
        """End the group with a sync point and hand all of it to the kernel before returning
        (libpq's connection is non-blocking: one flush may leave some of it behind)."""
        pgconn = self.pgconn
        pgconn.pipeline_sync()
        self.expected.append((_SYNC, None))
        while pgconn.flush():
            select.select([], [pgconn.socket], [])

    def mark_result(self, delivery_id: int) -> int | None:
        """Read answers up to the mark of this row and return the rows it updated; None if
        no mark of this row is in flight (one of another row is rolled back)."""
        while self.marks_due:
            kind, what = self.expected[0]
            updated = self._read()
            if kind != _MARK:
                continue
            if what == delivery_id:
                return updated
            self.send(rollback=True)  # made ahead for a row that is not sent next
        return None

    def close(self) -> None:
        """Roll back a mark not committed, read every answer still due, forget the statement,
        and leave pipeline mode."""
        if self.in_transaction:
            self.send(rollback=True)
        for statement in self.statements:
            self.pgconn.send_query_params(b"DEALLOCATE " + statement, None)
            self.expected.append((_OTHER, None))
        self._sync()
        failure = None
        while self.expected:
            try:
                self._read()
            except DatabaseError as error:
                failure = failure or error
        self.pgconn.exit_pipeline_mode()
        if failure is not None:
            raise failure

    def _read(self) -> int | None:
        """Read the next answer: the rows a mark updated (0 if it did not run)."""
        kind, _ = self.expected.popleft()
        if kind == _MARK:
            self.marks_due -= 1
        result = self._result()
        if kind == _SYNC:
            return None
        self._result()  # each command's answer ends with an empty one
        if result.status == self.ok:
            return int(result.command_tuples or 0) if kind == _MARK else None
        # Commands after a failure, up to the sync point, are skipped (PIPELINE_ABORTED).
        if result.status != self.fatal:
            return 0 if kind == _MARK else None
        message = result.error_message.decode(errors="replace")
        if kind == _COMMIT:
            # The message went out with its dot: the mark that should say so is lost.
            raise DatabaseError(f"COMMIT of a sent-mark failed: {message}")
        if kind == _MARK:
            self.send(rollback=True)  # the transaction is aborted; end it first
            raise DatabaseError(f"sent-mark failed: {message}")
        return None

    def _result(self):
        pgconn = self.pgconn
        if pgconn.is_busy():
            pgconn.consume_input()  # the answer is usually in already: no need to wait
            while pgconn.is_busy():
                select.select([pgconn.socket], [], [])
                pgconn.consume_input()
        return pgconn.get_result()


@contextlib.contextmanager
def marker_cursor():
    """A Django cursor for the marks made without a pipeline (SQLite, or inside atomic())."""
    with connection.cursor() as cursor:
        yield cursor
