"""The bounce mailbox over IMAP and POP3 with TLS: a real Dovecot (Debian's dovecot-imapd / dovecot-pop3d) on
loopback, started by the test without privileges: its own runtime folders, no chroot, every process as the
current user (as "nobody" when the tests run as root, since Dovecot's login processes refuse root), with a
certificate made for 127.0.0.1 and checked by the client."""

import grp
import mailbox
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.newsletters import bounces
from masthead.newsletters.emails import message_id
from masthead.newsletters.models import MailEvent, Suppression
from masthead.newsletters.sample_reports import arf, dsn
from masthead.newsletters.smtp_server import free_port
from masthead.newsletters.tests.test_bounces import BOUNCE_DOMAIN, sent  # noqa: F401  (fixture)

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "bounces", "s3cret-pass"
NOBODY = 65534


def runtime_ids():
    return (NOBODY, NOBODY) if os.getuid() == 0 else (os.getuid(), os.getgid())


def dovecot_config(root, imaps, pop3s):
    uid, gid = runtime_ids()
    user, group = pwd.getpwuid(uid).pw_name, grp.getgrgid(gid).gr_name
    unprivileged = f"default_internal_user = {user}\ndefault_login_user = {user}\ndefault_internal_group = {group}\n"
    return f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain
mail_location = maildir:{root}/home/%u/Maildir
first_valid_uid = {uid}
{unprivileged}passdb {{
  driver = passwd-file
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  chroot =
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = {pop3s}
    ssl = yes
  }}
}}
"""


def wait_for_port(port, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Dovecot did not listen on {port}")


def chown_tree(path, uid, gid):
    for folder, _dirs, files in os.walk(path):
        os.chown(folder, uid, gid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, gid)


@pytest.fixture
def dovecot():
    root = Path(tempfile.mkdtemp(prefix="masthead-dovecot-"))  # outside pytest's private tmp: nobody must enter
    uid, gid = runtime_ids()
    for folder in ("run", "state", f"home/{USER}"):
        (root / folder).mkdir(parents=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    imaps, pop3s = free_port(), free_port()
    (root / "dovecot.conf").write_text(dovecot_config(root, imaps, pop3s))
    maildir = root / "home" / USER / "Maildir"
    inbox = mailbox.Maildir(maildir, create=True)
    chown_tree(root, uid, gid)

    def deliver(raw):  # as the mail server's delivery agent would: a file in the user's new/
        key = inbox.add(mailbox.MaildirMessage(raw))
        os.chown(maildir / "new" / key, uid, gid)

    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(root / "dovecot.conf")], user=uid, group=gid, extra_groups=[], stderr=subprocess.PIPE
    )
    try:
        wait_for_port(imaps)
        wait_for_port(pop3s)
        yield {
            "root": root,
            "imaps": imaps,
            "pop3s": pop3s,
            "inbox": inbox,
            "deliver": deliver,
            "ca": root / "cert.pem",
        }  # noqa: E501
    finally:
        process.terminate()
        process.wait(15)
        shutil.rmtree(root, ignore_errors=True)


def run(url):
    out = StringIO()
    call_command("newsletters_bounces", "--mailbox", url, "--no-progress", stdout=out)
    return out.getvalue()


def reports(issue, d):
    hard = dsn(
        bounces.return_path(d["a"].pk), "a@example.org", "failed", "5.1.1", "550 5.1.1 unknown",
        message_id(issue.pk, d["a"].pk), "imap-r1",
    )  # fmt: skip
    complaint = arf("c@example.org", message_id(issue.pk, d["c"].pk), "imap-fbl1")
    return hard, complaint


@pytest.mark.django_db
def test_imaps_mailbox_reads_unseen_reports_once(sent, dovecot):  # noqa: F811
    issue, d, _smtp = sent
    for raw in reports(issue, d):
        dovecot["deliver"](raw)
    url = f"imaps://{USER}:{PASSWORD}@127.0.0.1:{dovecot['imaps']}/INBOX?cafile={dovecot['ca']}"
    assert "2 message(s) read, 2 bounce(s) or complaint(s) recorded." in run(url)
    assert set(Suppression.objects.values_list("address", "reason")) == {
        ("a@example.org", Suppression.Reason.HARD_BOUNCE),
        ("c@example.org", Suppression.Reason.COMPLAINT),
    }
    assert "0 message(s) read" in run(url)  # flagged \Seen on the server
    assert all("S" in dovecot["inbox"].get_message(key).get_flags() for key in dovecot["inbox"].iterkeys())
    with pytest.raises(CommandError, match="Cannot read"):
        run(f"imaps://{USER}:wrong@127.0.0.1:{dovecot['imaps']}/INBOX?cafile={dovecot['ca']}")
    with pytest.raises(CommandError, match="Cannot read"):  # the certificate is checked: no CA, no connection
        run(f"imaps://{USER}:{PASSWORD}@127.0.0.1:{dovecot['imaps']}/INBOX")


@pytest.mark.django_db
def test_pop3s_mailbox_reads_and_deletes(sent, dovecot):  # noqa: F811
    issue, d, _smtp = sent
    for raw in reports(issue, d):
        dovecot["deliver"](raw)
    url = f"pop3s://{USER}:{PASSWORD}@127.0.0.1:{dovecot['pop3s']}?cafile={dovecot['ca']}"
    assert "2 message(s) read, 2 bounce(s) or complaint(s) recorded." in run(url)
    assert MailEvent.objects.count() == 2
    assert "0 message(s) read" in run(url)
    assert len(mailbox.Maildir(dovecot["root"] / "home" / USER / "Maildir", create=False)) == 0
