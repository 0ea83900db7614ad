"""A real SMTP server on localhost (aiosmtpd) that counts what it accepts and can misbehave."""

import socket
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    """aiosmtpd handler: keeps every accepted message; refuses as configured."""

    def __init__(self, pipelining=True):
        self.pipelining = pipelining
        self.lock = threading.Lock()
        self.messages = []  # (recipients, raw bytes)
        self.bouncing = set()
        self.rcpt_busy_until = 0.0  # answer 450 to RCPT until this monotonic time
        self.data_busy_until = 0.0  # answer 451 after the final dot until this time
        self.data_refusal = "451 4.3.0 Temporary failure, try again later"
        self.refused = 0
        self.on_accept = None  # called with the count after each accepted message
        self.greetings = 0  # EHLO commands: one per connection from smtplib

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.greetings += 1
        session.host_name = hostname
        if self.pipelining:
            # aiosmtpd reads commands one by one, so pipelined ones work; say so.
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.bouncing:
            return "550 5.1.1 No such user here"
        if time.monotonic() < self.rcpt_busy_until:
            with self.lock:
                self.refused += 1
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if time.monotonic() < self.data_busy_until:
            with self.lock:
                self.refused += 1
            return self.data_refusal
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
            count = len(self.messages)
        if self.on_accept:
            self.on_accept(count)
        return "250 2.0.0 Accepted"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def recipients(self) -> list[str]:
        with self.lock:
            return [recipient for recipients, _ in self.messages for recipient in recipients]

    def parsed(self):
        with self.lock:
            raw = [content for _, content in self.messages]
        return [message_from_bytes(content, policy=policy.default) for content in raw]

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.1)
        return self.count() >= count


class SMTPServer:
    def __init__(self, pipelining=True):
        self.mailbox = Mailbox(pipelining=pipelining)
        self.port = free_port()
        self.controller = Controller(
            self.mailbox, hostname="127.0.0.1", port=self.port, ready_timeout=10
        )

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


def body_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def body_html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
