"""`make bench-newsletter`: send one issue to 100,000 subscribers through a real worker process and a counting
SMTP server on loopback, then hammer the sign-up endpoint over HTTP.

Targets (2-core machine): all sent in under 5 minutes, peak worker memory under 300 MB, at least 200 sign-ups
a second with no error. Baselines run in the same command: raw smtplib to the same server (the ceiling for
sending) and GET of the newsletters page (the ceiling for the web server).
Runs in a throw-away SQLite database under a temporary folder (BENCH_DATABASE_URL to use another database).
Options via environment: BENCH_SUBSCRIBERS (100000), BENCH_SIGNUPS (3000), BENCH_WORKERS (1 worker process; SQLite has one writer).
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(tempfile.mkdtemp(prefix="masthead-bench-newsletter-"))
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "100000"))
SIGNUPS = int(os.environ.get("BENCH_SIGNUPS", "3000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
BENCH_ENV = {
    "MASTHEAD_VAR_DIR": str(WORK),
    "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}"),
    "REDIS_URL": "",
    "DEBUG": "0",
    "MASTHEAD_BASE_URL": "https://news.example",
    # The sign-up test comes from one address at machine speed; production limits would (rightly) stop it.
    "NEWSLETTERS_SIGNUP_RATE_PER_IP": "1000000/h",
}
os.environ.update(BENCH_ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from tqdm import tqdm  # noqa: E402

from masthead.newsletters import sending  # noqa: E402
from masthead.newsletters.addresses import address_hash  # noqa: E402
from masthead.newsletters.models import Issue, Newsletter, Subscriber, Subscription  # noqa: E402
from masthead.newsletters.smtp_server import LoopbackSMTP, free_port  # noqa: E402
from masthead.newsletters.tasks import send_issue_task  # noqa: E402

CHUNK = 10_000


def child_env(**extra):
    return {**os.environ, **BENCH_ENV, **extra}


def populate():
    newsletter = Newsletter.objects.create(name="Bench Briefing", slug="bench", description="Benchmark.",
                                           sender_name="Bench", sender_email="bench@news.example")
    for start in tqdm(range(0, SUBSCRIBERS, CHUNK), desc="Subscribers", unit=" x10k", file=sys.stderr):
        addresses = [f"reader{i}@example.org" for i in range(start, min(start + CHUNK, SUBSCRIBERS))]
        subscribers = Subscriber.objects.bulk_create(
            [Subscriber(address=a, address_hash=address_hash(a)) for a in addresses]
        )
        Subscription.objects.bulk_create([
            Subscription(subscriber=s, newsletter=newsletter, status=Subscription.Status.CONFIRMED) for s in subscribers
        ])
    return newsletter


def raw_smtp_baseline(smtp, count=3000):
    """The fastest this machine moves messages to the server: one connection, a prebuilt message."""
    import smtplib

    body = ("Subject: baseline\r\nFrom: a@news.example\r\nTo: b@example.org\r\n\r\n" + ("x" * 70 + "\r\n") * 60).encode()
    client = smtplib.SMTP(smtp.host, smtp.port)
    started = time.perf_counter()
    for _ in range(count):
        client.sendmail("a@news.example", ["b@example.org"], body)
    elapsed = time.perf_counter() - started
    client.quit()
    return count / elapsed


def bench_send(smtp):
    newsletter = populate()
    issue = Issue.objects.create(newsletter=newsletter, subject="Bench issue", intro="<p>Hello, readers.</p>")
    before = smtp.mailbox.count
    sending.start_send(issue)
    for _ in range(WORKERS - 1):  # more workers on the same issue share its batches (claims are atomic)
        send_issue_task.enqueue(issue.pk)
    started = time.perf_counter()
    workers = [
        subprocess.Popen([sys.executable, "manage.py", "worker", "--batch"], cwd=ROOT,
                         env=child_env(EMAIL_URL=smtp.url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(WORKERS)
    ]
    with tqdm(total=SUBSCRIBERS, desc="Sending", unit=" msg", file=sys.stderr) as bar:
        while any(worker.poll() is None for worker in workers):
            time.sleep(1)
            bar.update(smtp.mailbox.count - before - bar.n)
        bar.update(smtp.mailbox.count - before - bar.n)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for worker in workers:
        if worker.returncode:
            sys.exit(f"Worker failed: {worker.stderr.read().decode()[-2000:]}")
    report = sending.progress(Issue.objects.get(pk=issue.pk))
    return {"elapsed": elapsed, "peak_mb": peak_mb, "received": smtp.mailbox.count - before, "report": report}


def http_session(port):
    import http.client
    import http.cookies
    import re

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/newsletters/")
    response = conn.getresponse()
    html = response.read().decode()
    cookie = http.cookies.SimpleCookie(response.getheader("Set-Cookie"))["csrftoken"].value
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    conn.close()
    return cookie, started


def timed_requests(port, count, make_request, threads=8):
    import http.client

    local = threading.local()

    def one(i):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        method, path, body, headers = make_request(i)
        t0 = time.perf_counter()
        try:
            local.conn.request(method, path, body=body, headers=headers)
            response = local.conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            local.conn.close()
            del local.conn
            status = 0
        return status, time.perf_counter() - t0

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(one, range(count)))
    elapsed = time.perf_counter() - started
    latencies = sorted(r[1] for r in results)
    return {"rate": count / elapsed, "errors": sum(1 for r in results if r[0] != 200),
            "median_ms": statistics.median(latencies) * 1000, "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000}


def bench_signup():
    from urllib.parse import urlencode

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "masthead.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                cookie, started = http_session(port)
                break
            except (OSError, KeyError, AttributeError):
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        time.sleep(2.1)  # the form's minimum fill time
        headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/json"}
        baseline = timed_requests(port, SIGNUPS // 2, lambda i: ("GET", "/newsletters/", None, {}))

        def signup(i):
            body = urlencode({"email": f"new{i}@example.org", "newsletters": "bench", "started": started,
                              "website": "", "csrfmiddlewaretoken": cookie, "source": "/"})
            return "POST", "/newsletters/signup/", body, headers

        result = timed_requests(port, SIGNUPS, signup)
        made = Subscription.objects.filter(subscriber__address__startswith="new").count()
        return baseline, result, made
    finally:
        server.terminate()
        server.wait(10)


def main():
    print(f"Working in {WORK}", file=sys.stderr)
    call_command("migrate", verbosity=0)
    with LoopbackSMTP(keep=False) as smtp:
        raw_rate = raw_smtp_baseline(smtp)
        send = bench_send(smtp)
    baseline, signup, made = bench_signup()
    report = send["report"]
    send_rate = SUBSCRIBERS / send["elapsed"]
    ok_send = send["received"] == SUBSCRIBERS == report["sent"] and send["elapsed"] < 300 and send["peak_mb"] < 300
    ok_signup = signup["rate"] >= 200 and signup["errors"] == 0 and made == SIGNUPS
    print("\nNewsletter benchmark (SQLite file)" if "sqlite" in BENCH_ENV["DATABASE_URL"] else "\nNewsletter benchmark")
    print(f"  send: {SUBSCRIBERS} subscribers, {send['received']} received by the SMTP server, rows: "
          f"{report['sent']} sent / {report['failed']} failed / {report['unknown']} unknown")
    print(f"  send: {send['elapsed']:.1f} s ({send_rate:.0f} msg/s), target < 300 s; "
          f"raw smtplib baseline {raw_rate:.0f} msg/s, engine/raw ratio {send_rate / raw_rate:.2f}")
    print(f"  send: {WORKERS} worker processes, peak worker memory {send['peak_mb']:.0f} MB, target < 300 MB")
    print(f"  sign-up: {SIGNUPS} POSTs, {signup['rate']:.0f}/s, {signup['errors']} errors, {made} subscriptions made, "
          f"median {signup['median_ms']:.1f} ms, p95 {signup['p95_ms']:.1f} ms; target >= 200/s")
    print(f"  sign-up baseline: GET /newsletters/ {baseline['rate']:.0f}/s (median {baseline['median_ms']:.1f} ms); "
          f"sign-up/GET ratio {signup['rate'] / baseline['rate']:.2f}")
    print("  RESULT:", "PASS" if ok_send and ok_signup else "FAIL")
    return 0 if ok_send and ok_signup else 1


if __name__ == "__main__":
    sys.exit(main())
