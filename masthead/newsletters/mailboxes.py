"""The bounce mailbox (NEWSLETTERS_BOUNCE_MAILBOX): a local maildir, or IMAP / POP3 over TLS.

``maildir:///var/mail/bounces``: messages in ``new/`` are read, then moved to ``cur/`` marked seen.
``imaps://user:password@host:993/INBOX``: unseen messages are read, then flagged \\Seen.
``pop3s://user:password@host:995``: every message is read, then deleted (POP3 has no flags).
``?cafile=/path/ca.pem`` trusts a private certificate authority (the server's certificate is always verified).

``with opened(url) as messages:`` gives an iterator of ``(raw bytes, done)``; calling ``done()`` after the message
was recorded acknowledges it, so a crash in between reads it again next time (recording is idempotent: each report
is stored once). The connection stays open until the ``with`` block ends, so a batch can be acknowledged after the
last message was read.
"""

import imaplib
import poplib
import ssl
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def opened(url):
    parts = urlsplit(url)
    readers = {"maildir": _maildir, "imaps": _imaps, "pop3s": _pop3s}
    if parts.scheme not in readers:
        raise ImproperlyConfigured(
            f"NEWSLETTERS_BOUNCE_MAILBOX must start with maildir://, imaps:// or pop3s:// (not {parts.scheme!r})."
        )
    return readers[parts.scheme](parts)


def _tls_context(parts):
    cafile = parse_qs(parts.query).get("cafile", [None])[0]
    return ssl.create_default_context(cafile=cafile)


@contextmanager
def _maildir(parts):
    path = Path(unquote(parts.netloc + parts.path))
    if not (path / "new").is_dir():
        raise ImproperlyConfigured(f"{path} is not a maildir (no new/ folder).")
    (path / "cur").mkdir(exist_ok=True)
    yield _maildir_messages(path)


def _maildir_messages(path):
    for message in sorted((path / "new").iterdir()):
        if message.name.startswith("."):
            continue  # Maildir: dot files are not messages

        def done(message=message):
            # Maildir's own "read" move: new/NAME becomes cur/NAME:2,S (seen), one rename, the file untouched.
            message.rename(path / "cur" / f"{message.name.partition(':')[0]}:2,S")

        yield message.read_bytes(), done


@contextmanager
def _imaps(parts):
    client = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993, ssl_context=_tls_context(parts), timeout=30)
    try:
        client.login(unquote(parts.username or ""), unquote(parts.password or ""))
        client.select(unquote(parts.path.strip("/")) or "INBOX")
        yield _imap_messages(client)
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _imap_messages(client):
    _, found = client.uid("SEARCH", None, "UNSEEN")
    for uid in (found[0] or b"").split():
        _, data = client.uid("FETCH", uid, "(BODY.PEEK[])")  # PEEK: seen only once recorded
        raw = next(item[1] for item in data if isinstance(item, tuple))
        yield raw, lambda uid=uid: client.uid("STORE", uid, "+FLAGS", "(\\Seen)")


@contextmanager
def _pop3s(parts):
    client = poplib.POP3_SSL(parts.hostname, parts.port or 995, context=_tls_context(parts), timeout=30)
    try:
        client.user(unquote(parts.username or ""))
        client.pass_(unquote(parts.password or ""))
        yield _pop3_messages(client)
    finally:
        client.quit()  # deletions take effect only on a clean QUIT


def _pop3_messages(client):
    count, _size = client.stat()
    for number in range(1, count + 1):
        _, lines, _ = client.retr(number)
        yield b"\r\n".join(lines) + b"\r\n", lambda number=number: client.dele(number)
