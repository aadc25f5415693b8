"""The bounce mailbox (NEWSLETTERS_BOUNCE_MAILBOX): a local maildir, or IMAP / POP3 over TLS.

``maildir:///var/mail/bounces``: messages in ``new/`` are read, then moved to ``cur/`` marked seen.
``imaps://user:password@host:993/INBOX``: unseen messages are read, then flagged \\Seen.
``pop3s://user:password@host:995``: every message is read, then deleted (POP3 has no flags).
``?cafile=/path/ca.pem`` trusts a private certificate authority (the server's certificate is always verified).

Each reader yields ``(raw bytes, done)``; calling ``done()`` after the message was recorded acknowledges it, so a
crash in between reads it again next time (recording is idempotent: each report is stored once).
"""

import imaplib
import mailbox
import poplib
import ssl
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured


def read(url):
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


def _maildir(parts):
    path = Path(unquote(parts.netloc + parts.path))
    if not (path / "new").is_dir():
        raise ImproperlyConfigured(f"{path} is not a maildir (no new/ folder).")
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in list(box.iterkeys()):
        message = box.get_message(key)
        if message.get_subdir() != "new":
            continue

        def done(key=key, message=message):
            message.set_subdir("cur")
            message.add_flag("S")
            box[key] = message

        yield box.get_bytes(key), done


def _imaps(parts):
    client = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993, ssl_context=_tls_context(parts), timeout=30)
    try:
        client.login(unquote(parts.username or ""), unquote(parts.password or ""))
        client.select(unquote(parts.path.strip("/")) or "INBOX")
        _, found = client.uid("SEARCH", None, "UNSEEN")
        for uid in (found[0] or b"").split():
            _, data = client.uid("FETCH", uid, "(BODY.PEEK[])")  # PEEK: seen only once recorded
            raw = next(item[1] for item in data if isinstance(item, tuple))
            yield raw, lambda uid=uid: client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _pop3s(parts):
    client = poplib.POP3_SSL(parts.hostname, parts.port or 995, context=_tls_context(parts), timeout=30)
    try:
        client.user(unquote(parts.username or ""))
        client.pass_(unquote(parts.password or ""))
        count, _size = client.stat()
        for number in range(1, count + 1):
            _, lines, _ = client.retr(number)
            yield b"\r\n".join(lines) + b"\r\n", lambda number=number: client.dele(number)
    finally:
        client.quit()  # deletions take effect only on a clean QUIT
