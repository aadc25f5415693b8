"""How one issue message leaves Masthead, whatever ``EMAIL_URL`` chose: the same three outcomes for every backend.

- ``SmtpChannel``: Django's SMTP backend opens the connection (TLS, login, timeout); each recipient's prepared bytes
  go to ``sendmail`` on it. The sending engine marks the row "sending" before and "sent" after, so a crash leaves at
  most the one message the server was holding, reported as unknown and never re-sent.
- ``BackendChannel``: any other Django email backend (the ``.eml`` outbox, console, django-anymail's email services)
  gets one ``EmailMessage`` per recipient through ``send_messages``, with the same marks around it and the same
  stable ``Message-ID``; the provider's own message id (anymail's ``anymail_status``) is recorded on the delivery.

A channel's ``send`` returns the provider's message id (or "") or raises ``Refused`` (the transport said no: retry
or fail by code) or ``Lost`` (the outcome is unknown: report it, never send it again).
"""

import functools
import re
import smtplib

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

LEADING_DOT = re.compile(rb"(?m)^\.")  # smtplib's dot-stuffing (RFC 5321 4.5.2)


@functools.cache
def anymail_errors() -> tuple:
    """django-anymail's (recipients refused, API error) exceptions, imported when a send starts: anymail imports
    requests, which a web worker's pages never need (the newsletters app loads this module for its receivers)."""
    try:  # django-anymail is locked, but the engine does not need it for SMTP or the outbox
        from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
    except ImportError:  # pragma: no cover
        return (), ()
    return AnymailRecipientsRefused, AnymailAPIError


class Refused(Exception):
    """The transport refused the message: nothing was sent. ``code`` is SMTP-like: 5xx permanent, else temporary."""

    def __init__(self, exc, code=None):
        super().__init__(f"{type(exc).__name__}: {exc}")
        self.code = code


class Lost(Exception):
    """The message may or may not have been accepted (a connection broke mid-message)."""


class CannotConnect(Exception):
    """No connection could be opened: the batch never started."""


def open_channel(prepared):
    backend = get_connection(fail_silently=False)
    channel = SmtpChannel(backend, prepared) if isinstance(backend, SmtpBackend) else BackendChannel(backend, prepared)
    channel.open()
    return channel


def smtp_code(exc):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return next(iter(exc.recipients.values()))[0]
    return getattr(exc, "smtp_code", None)


class SmtpChannel:
    kind = "smtp"

    def __init__(self, backend, prepared):
        self.backend, self.prepared = backend, prepared

    def open(self):
        try:
            self.backend.open()
        except (OSError, smtplib.SMTPException) as exc:
            raise CannotConnect(f"{type(exc).__name__}: {exc}") from exc

    def ensure_open(self):
        if self.backend.connection is None:  # lost with the previous message: reconnect before marking the next
            self.open()

    def send(self, row):
        delivery_id, address, subscriber_id, key = row[:4]
        message = self.prepared.message_bytes(delivery_id, address, subscriber_id, key)  # ValueError: bad address
        try:
            self.backend.connection.ehlo_or_helo_if_needed()  # the features (PIPELINING) are known from EHLO
            sendmail = pipelined_sendmail if self.backend.connection.has_extn("pipelining") else plain_sendmail
            sendmail(self.backend.connection, self.prepared.return_path(delivery_id), address, message)
        except (
            smtplib.SMTPRecipientsRefused,
            smtplib.SMTPSenderRefused,
            smtplib.SMTPDataError,
            smtplib.SMTPHeloError,
        ) as exc:
            raise Refused(exc, smtp_code(exc)) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise Lost(f"Connection lost mid-message: {exc}") from exc
        return ""

    def close(self):
        try:
            self.backend.close()
        finally:
            self.backend.connection = None


def plain_sendmail(smtp, sender, address, message):
    smtp.sendmail(sender, [address], message)


def pipelined_sendmail(smtp, sender, address, message):
    """``sendmail`` for a server that offers PIPELINING (RFC 2920; Postfix does): MAIL, RCPT and DATA leave in one
    write and their three replies are read together, two round trips a message instead of four. Raises what
    ``smtplib.SMTP.sendmail`` raises for the same replies, so the caller sorts outcomes the same way."""
    smtp.send(f"MAIL FROM:{smtplib.quoteaddr(sender)}\r\nRCPT TO:{smtplib.quoteaddr(address)}\r\nDATA\r\n")
    mail, rcpt, data = smtp.getreply(), smtp.getreply(), smtp.getreply()
    if data[0] == 354 and (mail[0] != 250 or rcpt[0] not in (250, 251)):
        smtp.send(b".\r\n")  # a server that took DATA anyway: end it empty (no valid recipient, so nobody gets it)
        smtp.getreply()
    if mail[0] != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(mail[0], mail[1], sender)
    if rcpt[0] not in (250, 251):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused({address: rcpt})
    if data[0] != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(*data)
    smtp.send(dot_stuffed(message))
    code, reply = smtp.getreply()
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)


def dot_stuffed(message: bytes) -> bytes:
    """The DATA body as ``smtplib.SMTP.data`` sends it: a leading dot doubled on every line, then CRLF.CRLF."""
    quoted = LEADING_DOT.sub(b"..", message)
    return quoted + (b".\r\n" if quoted.endswith(b"\r\n") else b"\r\n.\r\n")


def _reset(smtp):
    """RSET after a refusal, as ``sendmail`` does; a server that hung up meanwhile is found on the next message."""
    try:
        smtp.rset()
    except smtplib.SMTPServerDisconnected:
        pass


class BackendChannel:
    kind = "backend"

    def __init__(self, backend, prepared):
        self.backend, self.prepared = backend, prepared
        self.recipients_refused, self.api_error = anymail_errors()

    def open(self):
        try:
            self.backend.open()
        except OSError as exc:
            raise CannotConnect(f"{type(exc).__name__}: {exc}") from exc

    def ensure_open(self):
        pass

    def send(self, row):
        delivery_id, address, subscriber_id, key = row[:4]
        message = self.prepared.email_message(delivery_id, address, subscriber_id, key, connection=self.backend)
        try:
            self.backend.send_messages([message])
        except self.recipients_refused as exc:
            raise Refused(exc, 550) from exc
        except self.api_error as exc:
            status = getattr(exc, "status_code", None)
            if status is None:  # no answer from the service (timeout, connection reset): it may have the message
                raise Lost(f"No answer from the email service: {exc}"[:300]) from exc
            # 429 and 5xx: try again later; other 4xx: the service will not take this message.
            raise Refused(exc, 450 if status == 429 or status >= 500 else 554) from exc
        except OSError as exc:  # the outbox folder could not be written: nothing was delivered
            raise Refused(exc, 451) from exc
        status = getattr(message, "anymail_status", None)
        if status is not None:
            if status.status and status.status <= {"rejected", "invalid"}:
                raise Refused(Exception(f"The email service rejected this address ({', '.join(status.status)})."), 550)
            return str(status.message_id or "")[:200]
        return ""

    def close(self):
        self.backend.close()
