"""Hand digests to the mail server so that a crash never sends one twice.

The sent-mark of a delivery is committed as the SMTP server is given the final "." that
makes it accept the message: the envelope (MAIL, RCPT, DATA) and the message go first,
then the mark is made in an open transaction (`hold()`), and its COMMIT is sent to the
database immediately followed by the dot (`commit_then()`). A server discards a
transaction whose final dot never came, so a worker killed at any point either left the
row queued and the server empty-handed, or left the row sent and the message accepted.
(The one gap: a kill in the microseconds between those two writes loses the message
rather than doubling it.)

`hold()` is a compare-and-set on the row, so when two runs hold the same row only the
first sends; the other drops its connection, which aborts its transaction on the server.
"""

import smtplib
import socket
import ssl
from email.utils import parseaddr

from django.conf import settings
from django.core import mail

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class DeliveryError(Exception):
    """Sending one message failed; says whether to retry and whether it was committed."""

    def __init__(self, message, *, code=None, permanent=False, committed=False, **flags):
        super().__init__(message)
        self.code = code
        self.permanent = permanent
        # The sent-mark was committed before the failure: the caller must undo it.
        self.committed = committed
        # The server refused the recipient for good: counts towards suspending them.
        self.hard_bounce = flags.get("hard_bounce", False)
        # The connection is gone or the server is refusing service: stop this chunk.
        self.connection_lost = flags.get("connection_lost", False)
        # No answer after the final dot: the server may or may not have the message.
        self.ambiguous = flags.get("ambiguous", False)


def envelope_sender() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def open_transport():
    """Return the transport for the configured email backend."""
    if settings.EMAIL_BACKEND == SMTP_BACKEND:
        return SMTPTransport()
    return BackendTransport()


def _reply_error(stage, code, reply, *, committed=False, recipient_stage=False):
    text = (
        f"{stage}: {code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
    )
    permanent = 500 <= code < 600
    return DeliveryError(
        text,
        code=code,
        permanent=permanent,
        committed=committed,
        hard_bounce=permanent and recipient_stage,
        # 421: the server is closing the connection (RFC 5321 4.2.2); -1: garbled reply.
        connection_lost=code in (421, -1),
    )


class SMTPTransport:
    """One SMTP connection, reused for every message of a chunk.

    With PIPELINING (RFC 2920) a message costs one round trip: the data and final dot of
    one message go out in the same write as the next message's envelope (MAIL, RCPT, DATA),
    and the server answers all four at once. The answer to a message's dot is therefore
    read during the next `send()` (or at `close()`) and reported through the `on_reply`
    callback given with the message.
    """

    raw = True

    def __init__(self):
        self.connection = None
        self.pipelining = False
        self.pending = None  # on_reply of the message whose end-of-data reply is unread
        self.announced = None  # recipient whose envelope went out with the previous data
        self.sender = envelope_sender()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def open(self):
        if self.connection is not None:
            return
        klass = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
        kwargs = {"timeout": settings.EMAIL_TIMEOUT}
        if settings.EMAIL_USE_SSL:
            kwargs["context"] = ssl.create_default_context()
        try:
            connection = klass(settings.EMAIL_HOST, settings.EMAIL_PORT, **kwargs)
            # Small writes (an envelope) must not wait for the server's delayed ACK.
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if settings.EMAIL_USE_TLS:
                connection.starttls(context=ssl.create_default_context())
            if settings.EMAIL_HOST_USER:
                connection.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
            connection.ehlo_or_helo_if_needed()
        except smtplib.SMTPResponseException as exc:
            raise _reply_error("connect", exc.smtp_code, exc.smtp_error) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"connect: {exc}", connection_lost=True) from exc
        self.connection = connection
        self.pipelining = connection.has_extn("pipelining")

    def close(self):
        if self.connection is None:
            return
        try:
            self._collect()
        except DeliveryError:
            return  # the connection is gone already
        if self.announced is not None:
            # An envelope went out for a message that will not follow (the chunk stopped).
            self._drop()
            return
        connection, self.connection = self.connection, None
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()

    def _drop(self):
        """Close without QUIT: an unfinished DATA is discarded by the server."""
        connection, self.connection = self.connection, None
        self.announced = None
        if connection is not None:
            connection.close()
        pending, self.pending = self.pending, None
        if pending is not None:
            pending(
                DeliveryError(
                    "end of data: the connection closed before the reply",
                    committed=True,
                    ambiguous=True,
                )
            )

    def _collect(self):
        """Read the end-of-data reply still due, report it, and raise if the connection died."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        try:
            code, reply = self.connection.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            pending(DeliveryError(f"end of data: no reply ({exc})", committed=True, ambiguous=True))
            self._drop()
            raise DeliveryError(f"connection lost: {exc}", connection_lost=True) from exc
        if code == 250:
            pending(None)
            return
        error = _reply_error("end of data", code, reply, committed=True)
        pending(error)
        if error.connection_lost:
            self._drop()
            raise DeliveryError(str(error), code=code, connection_lost=True)

    def _command(self, stage, send, expected, *, drain=0, **error_options):
        """Run one exchange; on a refusal, read the `drain` replies still due to pipelined
        commands, reset the transaction and raise."""
        try:
            code, reply = send()
            if code not in expected:
                error = _reply_error(stage, code, reply, **error_options)
                for _ in range(drain if not error.connection_lost else 0):
                    later, _ = self.connection.getreply()
                    if later == 354:
                        # The server took DATA after all; only dropping the connection
                        # ends that transaction without delivering anything.
                        error.connection_lost = True
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise DeliveryError(f"{stage}: {exc}", connection_lost=True) from exc
        if code not in expected:
            self._reset(error)
            raise error
        return code

    def _reset(self, error):
        if error.connection_lost:
            self._drop()
            return
        try:
            self.connection.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def _envelope(self, connection, recipient):
        self._collect()
        self._command("MAIL", lambda: connection.mail(self.sender), {250})
        self._command("RCPT", lambda: connection.rcpt(recipient), {250, 251}, recipient_stage=True)

        def start_data():
            connection.putcmd("data")
            return connection.getreply()

        self._command("DATA", start_data, {354})

    @staticmethod
    def _pipelinable(recipient: str) -> bool:
        return recipient.isascii() and "\r" not in recipient and "\n" not in recipient

    def _envelope_commands(self, recipient: str) -> bytes:
        return f"MAIL FROM:<{self.sender}>\r\nRCPT TO:<{recipient}>\r\nDATA\r\n".encode()

    def _envelope_pipelined(self, connection, recipient):
        if self.announced is not None and self.announced != recipient:
            # Not the message announced: abandon that transaction (not expected to happen).
            self._collect()
            self._drop()
            self.open()
            connection = self.connection
        if self.announced is None:
            if not self._pipelinable(recipient):
                self._collect()
                return self._envelope(connection, recipient)
            try:
                connection.send(self._envelope_commands(recipient))
            except smtplib.SMTPServerDisconnected as exc:
                self._drop()
                raise DeliveryError(f"MAIL: {exc}", connection_lost=True) from exc
        self.announced = None
        self._collect()
        self._command("MAIL", connection.getreply, {250}, drain=2)
        self._command("RCPT", connection.getreply, {250, 251}, recipient_stage=True, drain=1)
        self._command("DATA", connection.getreply, {354})

    def send(
        self, *, recipient: str, payload: bytes, hold, commit_then, on_reply, then=None
    ) -> bool:
        """Send one message; its sent-mark is committed as the final dot goes out.

        The envelope and the message go first; the server accepts nothing until the dot.
        `hold()` then marks the row (False: another run has it, and nothing is sent), and
        `commit_then(write)` commits the mark and calls `write` to send the dot at once.
        `then` is the recipient of the next message, if known: its envelope rides with this
        dot. Raise DeliveryError when the message failed before its mark was held. The
        server's verdict on a sent message comes later, through `on_reply`.
        """
        self.open()
        connection = self.connection
        if self.pipelining:
            self._envelope_pipelined(connection, recipient)
            connection = self.connection
        else:
            self._envelope(connection, recipient)
        # The server has said 354; nothing is accepted until the dot arrives.
        if self._write(payload) < len(payload):
            self._drop()
            raise DeliveryError(
                "DATA: the connection broke during the message", connection_lost=True
            )
        try:
            held = hold()
        except BaseException:
            self._drop()
            raise
        if not held:
            self._drop()
            return False
        tail = b".\r\n"
        if then is not None and self.pipelining and self._pipelinable(then):
            tail += self._envelope_commands(then)
            self.announced = then
        written = 0

        def write_dot():
            nonlocal written
            written = self._write(tail)

        commit_then(write_dot)
        if written >= 3:
            self.pending = on_reply  # its verdict is read with the next replies
            if written < len(tail):
                self._drop()  # the dot went out, the reply cannot come: ambiguous
            return True
        self.pending = None
        self._drop()
        on_reply(
            DeliveryError(
                "DATA: the connection broke before the final dot",
                committed=True,
                connection_lost=True,
            )
        )
        return True

    def _write(self, data: bytes) -> int:
        """Hand `data` to the kernel; return how many bytes it took before any error."""
        view = memoryview(data)
        written = 0
        try:
            while written < len(data):
                written += self.connection.sock.send(view[written:])
        except OSError:
            pass
        return written


class BackendTransport:
    """Any other Django email backend (in-memory in tests, files in development)."""

    raw = False

    def __init__(self):
        self.connection = mail.get_connection(fail_silently=False)

    def __enter__(self):
        self.connection.open()
        return self

    def __exit__(self, *exc_info):
        self.connection.close()

    def send(self, *, recipient: str, payload, hold, commit_then, on_reply, then=None) -> bool:
        """Commit the sent-mark, then hand the message to the backend and report how it went."""
        if not hold():
            return False
        commit_then(lambda: None)
        try:
            self.connection.send_messages([payload])
        except Exception as exc:  # each backend raises its own errors
            on_reply(DeliveryError(f"backend: {exc}", committed=True))
        else:
            on_reply(None)
        return True
