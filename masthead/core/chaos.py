"""``make chaos``: fault scenarios against the production profile, one table row each.

    make chaos                       # PostgreSQL db masthead_chaos, Redis db 13, ports CHAOS_PORT (9300) and up
    CHAOS_ONLY=redis,hostile make chaos

The stack is ``make prod``'s (Varnish, two gunicorn nodes, two RQ workers, started by ``masthead.caching.prod``),
except that its PostgreSQL, Redis and SMTP are reached through loopback TCP proxies this process cuts
(``core.testing.TcpProxy``): the machine's real services are never touched. Mail goes to a counting SMTP server
(aiosmtpd, ``newsletters.smtp_server``). This process checks the outcome in the database and Redis directly.

Each scenario prints: requests made, unexpected 5xx, degraded 503 (an uncached page while the database is away
answers 503 with Retry-After, by design: counted apart, not as failures), work lost, and the time from the
dependency's return to everything done. Exit status 1 when any scenario shows an unexpected 5xx or lost work.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("CHAOS_PORT", "9300"))  # Varnish; web nodes +1, +2; proxies and SMTP +10 and up
OUTAGE_SECONDS = int(os.environ.get("CHAOS_OUTAGE_SECONDS", "20"))
RECOVERY_SECONDS = 90
DATABASE_URL = os.environ.get("CHAOS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masthead_chaos")
REDIS_DB = int(os.environ.get("CHAOS_REDIS_DB", "13"))
SUBSCRIBERS = int(os.environ.get("CHAOS_SUBSCRIBERS", "200"))
STATE = Path(os.environ.get("CHAOS_VAR_DIR", ROOT / "var" / "chaos"))
PREFIX = "chaos"
EDITOR = ("chaos-editor", "chaos-editor-password-long")


@dataclass
class Row:
    scenario: str
    requests: int = 0
    unexpected_5xx: int = 0
    degraded_503: int = 0
    lost: int = 0
    recovered_seconds: float | None = None
    notes: list = field(default_factory=list)

    @property
    def failed(self):
        return bool(self.unexpected_5xx or self.lost or self.recovered_seconds is None)


# --- HTTP, as a reader and as an editor -------------------------------------------------------------------------


def fetch(opener, url, data=None, headers=None, timeout=15):
    """(status, headers, body); a refused or cut connection is status 0 (counted as a failure)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except OSError:
        return 0, {}, b""


class Readers:
    """Threads loading reader pages through the proxy until stopped; counts answers by kind."""

    def __init__(self, base, paths, threads=2, uncached=False):
        self.base, self.paths, self.uncached = base, paths, uncached
        self.requests = self.unexpected = self.degraded = 0
        self.lock, self.stopping = threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def _run(self):
        opener, number = urllib.request.build_opener(), 0
        while not self.stopping.is_set():
            path = self.paths[number % len(self.paths)]
            if self.uncached:
                path += ("&" if "?" in path else "?") + f"chaos={uuid.uuid4().hex}"
            status, headers, _ = fetch(opener, self.base + path)
            self.count(status, headers)
            number += 1
            time.sleep(0.05)

    def count(self, status, headers):
        with self.lock:
            self.requests += 1
            if status == 503 and headers.get("Retry-After"):
                self.degraded += 1
            elif status >= 500 or status == 0:
                self.unexpected += 1


class LoopbackCookies(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure; this loopback stack speaks plain HTTP behind Varnish, so send them anyway."""

    def return_ok_secure(self, cookie, request):
        return True


def editor_session(base, credentials=EDITOR):
    jar = http.cookiejar.CookieJar(policy=LoopbackCookies())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, _, form = fetch(opener, base + "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    body = f"csrfmiddlewaretoken={token}&username={credentials[0]}&password={credentials[1]}&next=/admin/".encode()
    status, _, page = fetch(opener, base + "/admin/login/", data=body)
    assert status == 200 and b"Dashboard" in page, f"the editor could not sign in ({status})"
    return opener


def publish_over_http(opener, base, page_id) -> int:
    """An editor's Publish through the admin (Wagtail's bulk publish action): its HTTP status."""
    _, _, form = fetch(opener, f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    data = f"csrfmiddlewaretoken={token.group(1).decode() if token else ''}".encode()
    status, _, _ = fetch(
        opener,
        f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/",
        data=data,
        headers={"Referer": base + "/admin/"},
    )
    return status


def wait_until(condition, seconds=RECOVERY_SECONDS, every=0.5):
    """Seconds it took ``condition`` to hold, or None."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return round(time.monotonic() - started, 1)
        time.sleep(every)
    return None


# --- Scenarios ------------------------------------------------------------------------------------------------


def redis_outage(stack) -> Row:
    """Redis cut while readers load pages, an editor publishes and an article is due to go live."""
    from django.db import close_old_connections
    from wagtail.models import Page

    from masthead.core.models import DeferredTask
    from masthead.newsroom.models import ArticlePage

    row = Row("Redis cut")
    article = ArticlePage.objects.live().first()
    headline = f"Published while Redis was away {uuid.uuid4().hex[:6]}"
    article.title = headline
    article.save_revision()
    due = article.copy(
        to=article.get_parent(),
        update_attrs={"title": "Due while Redis is away", "slug": f"due-{uuid.uuid4().hex[:8]}"},
        keep_live=False,
    )
    due.save_revision(approved_go_live_at=timezone_now() + timedelta(seconds=OUTAGE_SECONDS / 2))
    editor = editor_session(stack.base)
    with Readers(stack.base, stack.reader_paths) as readers:
        time.sleep(2)
        stack.redis.close()
        time.sleep(2)
        status = publish_over_http(editor, stack.base, article.pk)
        row.requests += 1
        if status not in (200, 302):
            row.unexpected_5xx += status >= 500 or status == 0
            row.lost += 1
            row.notes.append(f"publish answered {status}")
        time.sleep(OUTAGE_SECONDS - 4)
        deferred = DeferredTask.objects.count()
        stack.redis.open()

        def done():
            close_old_connections()
            return Page.objects.get(pk=due.pk).live and not DeferredTask.objects.exists()

        row.recovered_seconds = wait_until(done)
    row.requests += readers.requests
    row.unexpected_5xx += readers.unexpected
    close_old_connections()
    row.lost += (not Page.objects.get(pk=due.pk).live) + DeferredTask.objects.count()
    visible = headline.encode() in fetch(urllib.request.build_opener(), stack.base + article.url)[2]
    row.lost += not visible
    row.notes.append(f"{deferred} task(s) deferred during the cut")
    return row


def smtp_outage(stack) -> Row:
    """SMTP cut while an issue goes to SUBSCRIBERS readers and sign-ups ask for confirmation emails."""
    from masthead.newsletters import sending
    from masthead.newsletters.forms import CONSENT_TEXT
    from masthead.newsletters.tasks import sign_up_task

    row = Row("SMTP cut")
    newsletter, issue = newsletter_with_readers("smtp")
    signups = [f"signup-{uuid.uuid4().hex[:8]}@example.org" for _ in range(10)]
    before = stack.smtp.mailbox.count
    stack.smtp_proxy.close()
    sending.start_send(issue)
    for address in signups:
        sign_up_task.enqueue(address, [newsletter.pk], "http://127.0.0.1/newsletters/", CONSENT_TEXT)
    row.requests = SUBSCRIBERS + len(signups)
    time.sleep(OUTAGE_SECONDS)
    stack.smtp_proxy.open()
    expected = set(newsletter_addresses("smtp")) | set(signups)
    row.recovered_seconds = wait_until(lambda: expected <= stack.smtp.mailbox.recipients, 120)
    row.lost = len(expected - stack.smtp.mailbox.recipients)
    row.notes.append(f"{stack.smtp.mailbox.count - before} messages, {stack.smtp.mailbox.doubled} doubled")
    row.lost += stack.smtp.mailbox.doubled
    return row


def worker_killed(stack) -> Row:
    """A worker SIGKILLed mid-send. The stack's two workers are paused (SIGSTOP: honcho would stop the whole stack if
    one of its processes died) while a third takes the send; it is killed a quarter of the way, the two resume and
    their clock finds the abandoned send once its claims are older than the lease."""
    from django.db import close_old_connections

    from masthead.newsletters import sending
    from masthead.newsletters.models import Delivery

    row = Row("worker SIGKILLed mid-send")
    _newsletter, issue = newsletter_with_readers("kill")
    addresses = set(newsletter_addresses("kill"))
    doubled_before = stack.smtp.mailbox.doubled
    paused = stack_workers(stack)
    for pid in paused:
        os.kill(pid, signal.SIGSTOP)
    try:
        extra = subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--queues", "default"],
            cwd=ROOT,
            env=stack.env,
            stdout=subprocess.DEVNULL,
            stderr=open(STATE / "extra-worker.log", "w"),  # noqa: SIM115 - closed with the process
            start_new_session=True,
        )
        time.sleep(8)  # the extra worker is listening
        sending.start_send(issue)
        wait_until(lambda: len(addresses & stack.smtp.mailbox.recipients) > len(addresses) // 4, 60, every=0.02)
        kill_tree(extra)
        killed_at = len(addresses & stack.smtp.mailbox.recipients)
    finally:
        for pid in paused:
            os.kill(pid, signal.SIGCONT)
    row.requests = len(addresses)

    def finished():
        close_old_connections()
        return not Delivery.objects.filter(issue=issue, status__in=["queued", "claimed", "sending"]).exists()

    row.recovered_seconds = wait_until(finished, 180)
    close_old_connections()
    unknown = set(Delivery.objects.filter(issue=issue, status="unknown").values_list("address", flat=True))
    doubled = stack.smtp.mailbox.doubled - doubled_before
    # Lost: neither delivered nor reported unknown; more than the one message on the wire unknown counts too.
    row.lost = len(addresses - stack.smtp.mailbox.recipients - unknown) + max(0, len(unknown) - 1) + doubled
    row.notes.append(f"killed after {killed_at} sent; {len(unknown)} unknown, {doubled} doubled")
    return row


def kill_tree(process):
    """SIGKILL a worker and its RQ work horse (which runs the job in a session of its own)."""
    from masthead.caching.bench import descendants

    for pid in [*descendants(process.pid), process.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def stack_workers(stack) -> list[int]:
    from masthead.caching.bench import descendants

    def command(pid):
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            return ""

    return [pid for pid in descendants(stack.process.pid) if "manage.py worker" in command(pid)]


def database_outage(stack) -> Row:
    """PostgreSQL cut: cached pages from Varnish (stale-if-error), uncached ones 503 with Retry-After."""
    row = Row("PostgreSQL cut")
    opener = urllib.request.build_opener()
    for path in stack.reader_paths:
        fetch(opener, stack.base + path)  # in Varnish before the cut
    with (
        Readers(stack.base, stack.reader_paths) as cached,
        Readers(stack.node, ["/search/?q=news"], uncached=True) as uncached,
    ):
        time.sleep(2)
        stack.database.close()
        time.sleep(OUTAGE_SECONDS)
        stack.database.open()

        def serving():
            return fetch(opener, f"{stack.node}/search/?q=back&chaos={uuid.uuid4().hex}")[0] == 200

        row.recovered_seconds = wait_until(serving)
        time.sleep(2)
    row.requests = cached.requests + uncached.requests
    row.unexpected_5xx = cached.unexpected + uncached.unexpected
    row.degraded_503 = cached.degraded + uncached.degraded
    row.notes.append(f"cached pages: {cached.degraded} degraded of {cached.requests}")
    return row


def hostile_input(stack) -> Row:
    """A bounded burst of bad requests, at the proxy and at a web node."""
    row = Row("hostile input")
    started = time.monotonic()
    for base in (stack.base, stack.node):
        host, port = base.removeprefix("http://").split(":")
        for raw in hostile_requests(stack):
            status = raw_status(host, int(port), raw)
            row.requests += 1
            if status >= 500 or status == 0:
                row.unexpected_5xx += 1
                row.notes.append(f"{status} at {base} for {raw[:60]!r}")
    row.recovered_seconds = round(time.monotonic() - started, 1)  # nothing to recover from: the burst's length
    return row


def hostile_requests(stack) -> list[bytes]:
    article = stack.reader_paths[0].encode()
    requests = []
    for host in (b"evil.example", b"127.0.0.1:9999\x00", b"a" * 300, b"[::1", b"-.-", b"\xff\xfe"):
        requests.append(b"GET / HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n")
    paths = [
        b"/feeds/section/a%00b/rss/",
        b"/search/?q=x&date_to=9999-12-31",
        b"/search/?q=x&date_from=0000-00-00",
        b"/search/?q=%00",
        b"/media/" + b"a" * 300 + b".jpg",
        b"/" + b"x/" * 2000,
        article + b"?page=%ff%fe",
        b"/tags/%C0%AF/",
        b"/newsletters/confirm/%00/",
    ]
    for path in paths:
        requests.append(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    body = "email=a@example.org".encode("utf-16")
    requests.append(
        b"POST /newsletters/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded; charset=utf-16\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    broken = b"--x\r\nContent-Disposition: form-data\r\n\r\nno closing boundary"
    requests.append(
        b"POST /newsletters/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: "
        + str(len(broken)).encode()
        + b"\r\n\r\n"
        + broken
    )
    return requests * 5


def raw_status(host, port, raw: bytes) -> int:
    try:
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.sendall(raw)
            head = sock.recv(64)
    except OSError:
        return 0
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return int(match.group(1)) if match else 0


SCENARIOS = {
    "redis": redis_outage,
    "smtp": smtp_outage,
    "kill": worker_killed,
    "database": database_outage,
    "hostile": hostile_input,
}


# --- Fixtures -------------------------------------------------------------------------------------------------


def timezone_now():
    from django.utils import timezone

    return timezone.now()


def newsletter_addresses(tag, count=SUBSCRIBERS):
    return [f"{tag}-reader-{number}@example.org" for number in range(count)]


def newsletter_with_readers(tag, count=SUBSCRIBERS):
    from masthead.newsletters.addresses import address_hash
    from masthead.newsletters.models import Issue, Newsletter, Subscriber, Subscription

    slug = f"chaos-{tag}-{uuid.uuid4().hex[:6]}"
    newsletter = Newsletter.objects.create(
        name=f"Chaos {tag}", slug=slug, description="Chaos.", sender_name="Chaos", sender_email="chaos@news.example"
    )
    Subscriber.objects.filter(address__in=newsletter_addresses(tag, count)).delete()
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(address=a, address_hash=address_hash(a)) for a in newsletter_addresses(tag, count)]
    )
    Subscription.objects.bulk_create(
        [Subscription(subscriber=s, newsletter=newsletter, status=Subscription.Status.CONFIRMED) for s in subscribers]
    )
    issue = Issue.objects.create(newsletter=newsletter, subject=f"Chaos {tag}", intro="<p>Hello.</p>")
    return newsletter, issue


@dataclass
class Stack:
    env: dict
    base: str
    node: str
    redis: object
    database: object
    smtp: object
    smtp_proxy: object
    process: object = None
    reader_paths: list = field(default_factory=list)


def stack_environment(redis_proxy, database_proxy, smtp_proxy) -> dict:
    from urllib.parse import urlsplit, urlunsplit

    from masthead.caching.prod import production_environment

    database = urlsplit(DATABASE_URL)
    through_proxy = database._replace(netloc=f"{database.username or 'postgres'}@127.0.0.1:{database_proxy.port}")
    return production_environment(
        PORT,
        STATE,
        base={
            **os.environ,
            "DATABASE_URL": urlunsplit(through_proxy),
            "REDIS_URL": f"redis://127.0.0.1:{redis_proxy.port}/{REDIS_DB}",
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_proxy.port}",
            "CACHE_KEY_PREFIX": PREFIX,
            "LOG_LEVEL": "WARNING",
            "NEWSLETTERS_POSTAL_ADDRESS": "1 Chaos Street, Loopback",
            "NEWSLETTERS_CLAIM_LEASE_SECONDS": "20",  # an abandoned claim is taken back within the scenario
            "NEWSLETTERS_SIGNUP_RATE_PER_IP": "1000000/h",
        },
    )


def setup_django():
    """This process reads the outcome straight from PostgreSQL and Redis (never through the proxies it cuts)."""
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        CACHE_KEY_PREFIX=PREFIX,
        MASTHEAD_VAR_DIR=str(STATE),
        NEWSLETTERS_POSTAL_ADDRESS="1 Chaos Street, Loopback",
        MASTHEAD_PURGE_URL=f"http://127.0.0.1:{PORT}",
        MASTHEAD_BASE_URL=f"http://127.0.0.1:{PORT}",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=EDITOR[0], defaults={"is_superuser": True})
    user.is_superuser = user.is_staff = True
    user.set_password(EDITOR[1])
    user.save()


def reader_paths(base) -> list[str]:
    from masthead.newsroom.models import ArticlePage, SectionPage

    article = ArticlePage.objects.live().order_by("-pk").first()
    section = SectionPage.objects.live().first()
    return [article.url, "/", section.url, "/feeds/rss/", "/sitemap.xml", "/robots.txt", "/newsletters/"]


def print_table(rows, load):
    print(f"\nload average {load}")
    header = (
        f"{'scenario':<28}{'requests':>9}{'5xx':>6}{'degraded 503':>14}{'work lost':>11}{'recovered (s)':>15}  notes"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        recovered = "never" if row.recovered_seconds is None else f"{row.recovered_seconds:.1f}"
        print(
            f"{row.scenario:<28}{row.requests:>9}{row.unexpected_5xx:>6}{row.degraded_503:>14}{row.lost:>11}"
            f"{recovered:>15}  {'; '.join(row.notes)}"
        )


def main():
    from masthead.caching.prod import prepare, start_stack, stop
    from masthead.core.testing import TcpProxy
    from masthead.newsletters.smtp_server import LoopbackSMTP

    chosen = [name for name in os.environ.get("CHAOS_ONLY", ",".join(SCENARIOS)).split(",") if name]
    STATE.mkdir(parents=True, exist_ok=True)
    redis_proxy, database_proxy, smtp_proxy = (TcpProxy("127.0.0.1", 6379), TcpProxy("127.0.0.1", 5432), None)
    with LoopbackSMTP(keep=False) as smtp, redis_proxy, database_proxy:
        smtp_proxy = TcpProxy(smtp.host, smtp.port)
        smtp_proxy.open()
        env = stack_environment(redis_proxy, database_proxy, smtp_proxy)
        print("Preparing the production profile (migrate, collectstatic, demo newsroom)…", flush=True)
        prepare(env)
        setup_django()
        stack_process = start_stack(env, STATE)
        rows = []
        try:
            stack = Stack(
                env=env,
                base=f"http://127.0.0.1:{PORT}",
                node=f"http://127.0.0.1:{env['WEB1_PORT']}",
                redis=redis_proxy,
                database=database_proxy,
                smtp=smtp,
                smtp_proxy=smtp_proxy,
                process=stack_process,
            )
            stack.reader_paths = reader_paths(stack.base)
            for name in chosen:
                print(f"Scenario: {name}…", flush=True)
                try:
                    rows.append(SCENARIOS[name](stack))
                except Exception as error:  # a scenario that could not run is a failure, and the next one runs
                    rows.append(Row(name, lost=1, notes=[f"{type(error).__name__}: {error}"]))
                finally:
                    for proxy in (redis_proxy, database_proxy, smtp_proxy):
                        if not proxy.listening:
                            proxy.open()
                print_table(rows[-1:], os.getloadavg())
        finally:
            stop(stack_process)
            smtp_proxy.close()
    print_table(rows, " ".join(f"{n:.2f}" for n in os.getloadavg()))
    sys.exit(1 if any(row.failed for row in rows) else 0)


if __name__ == "__main__":
    main()
