"""Real SMTP servers on loopback (aiosmtpd) for tests and the benchmark: one that keeps what it receives,
one that only counts. Both can be told to refuse chosen recipients, temporarily (4xx) or for good (5xx)."""

import email
import email.policy
import socket
import threading
from collections import Counter

from aiosmtpd.controller import Controller


def free_port():
    """A port the system says is free now (aiosmtpd's controller cannot bind port 0 itself)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd handler storing each message parsed, with its envelope."""

    def __init__(self, keep=True):
        self.keep = keep
        self.messages = []
        self.envelopes = []  # (MAIL FROM, [RCPT TO]) of each message kept
        self.count = 0
        self.recipients = set()  # every address a message reached, kept or not
        self.doubled = 0  # messages that reached an address a second time
        self.received = Counter()  # address -> messages it received (each DATA counts once per RCPT)
        self.refuse = {}  # address -> "450 ..." or "550 ..."
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        """Offer PIPELINING as Postfix does: aiosmtpd reads commands line by line from its buffer, so it already
        answers a pipelined group in order; it just never says so (the engine then uses two round trips, not four)."""
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            for address in envelope.rcpt_tos:
                self.doubled += address in self.recipients
                self.recipients.add(address)
                self.received[address] += 1
            if self.keep:
                message = email.message_from_bytes(envelope.content, policy=email.policy.default)
                self.messages.append(message)
                self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]


class LoopbackSMTP:
    """Start with ``with LoopbackSMTP() as smtp:``; ``smtp.port`` is a free port chosen by the system."""

    def __init__(self, keep=True):
        self.mailbox = Mailbox(keep=keep)
        self.host, self.port = "127.0.0.1", free_port()
        self.controller = Controller(self.mailbox, hostname=self.host, port=self.port, ready_timeout=10)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        return self.mailbox.messages

    @property
    def url(self):
        return f"smtp://{self.host}:{self.port}"
