"""`make bench-newsletter`: freeze an issue's audience, send it through real worker processes to a counting SMTP
server on loopback, read back bounces from a maildir, then hammer the sign-up endpoint over HTTP.

Targets (issue 11, 2-core machine; the full size is BENCH_SUBSCRIBERS=1000000 on PostgreSQL with two workers):
the million sent in under 15 minutes (at least 1,111 messages a second), peak memory per worker under 300 MB,
0 lost and 0 doubled (checked against the server's own count of recipients), 10,000 bounces processed at over 500
a second, and at least 200 sign-ups a second with no error. Baselines run in the same command: raw smtplib to the
same server (the ceiling for sending); for the web, a static file and GET of the newsletters page from the same
gunicorn (production profile), all loaded by wrk (sign-ups through a generated Lua script, a new address per
request), medians of REPEATS runs.
Runs in a throw-away SQLite database under a temporary folder (BENCH_DATABASE_URL: an empty PostgreSQL database,
created if missing).
Options via environment: BENCH_SUBSCRIBERS (100000), BENCH_WORKERS (2 on PostgreSQL, 1 on SQLite, which has one
writer), BENCH_SEND_CONNECTIONS (senders per worker: 4 on PostgreSQL, 1 on SQLite),
BENCH_BOUNCES (10000), BENCH_REPEATS (3), BENCH_SIGNUP_SECONDS (10 per wrk run), BENCH_GUNICORN_WORKERS
(cores + 1), BENCH_KEEP=1 (keep the temporary folder).
"""

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(tempfile.mkdtemp(prefix="masthead-bench-newsletter-"))
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "100000"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
SIGNUP_SECONDS = int(os.environ.get("BENCH_SIGNUP_SECONDS", "10"))
SIGNUP_CONNECTIONS = 16
GUNICORN_WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", (os.cpu_count() or 2) + 1))
STATIC_PATH = "/static/newsletters/signup.js"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{WORK / 'bench.sqlite3'}")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2" if DATABASE_URL.startswith("postgres") else "1"))
# Senders per worker (NEWSLETTERS_SEND_CONNECTIONS; PostgreSQL only): their "sending" commits share WAL flushes.
SEND_CONNECTIONS = int(os.environ.get("BENCH_SEND_CONNECTIONS", "4" if DATABASE_URL.startswith("postgres") else "1"))
BOUNCES = min(int(os.environ.get("BENCH_BOUNCES", "10000")), SUBSCRIBERS)
TARGET_SEND_RATE = 1_000_000 / 900  # the million in 15 minutes
TARGET_BOUNCE_RATE = 500
BOUNCE_DOMAIN = "bounces.news.example"
BENCH_ENV = {
    "MASTHEAD_VAR_DIR": str(WORK),
    "DATABASE_URL": DATABASE_URL,
    "NEWSLETTERS_BOUNCE_DOMAIN": BOUNCE_DOMAIN,  # every delivery gets its signed return path, as in production
    "REDIS_URL": "",
    "DEBUG": "0",
    "MASTHEAD_BASE_URL": "https://news.example",
    "NEWSLETTERS_POSTAL_ADDRESS": "1 Bench Street, Loopback",  # required before a send
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

from masthead.newsletters import bounces, sending  # noqa: E402
from masthead.newsletters.bulk import generate_subscribers  # noqa: E402
from masthead.newsletters.emails import message_id  # noqa: E402
from masthead.newsletters.models import Delivery, Issue, Newsletter, Suppression  # noqa: E402
from masthead.newsletters.sample_reports import dsn  # noqa: E402
from masthead.newsletters.smtp_server import LoopbackSMTP  # noqa: E402
from masthead.newsletters.tasks import send_issue_task  # noqa: E402
from masthead.newsroom.bench import (  # noqa: E402
    bench_environment,
    ensure_postgres_database,
    free_port,
    manage,  # noqa: E402
    median_of,
    wrk,
)


def child_env(**extra):
    return {**os.environ, **BENCH_ENV, **extra}


def populate():
    newsletter = Newsletter.objects.create(
        name="Bench Briefing",
        slug="bench",
        description="Benchmark.",
        sender_name="Bench",
        sender_email="bench@news.example",
    )
    with tqdm(total=SUBSCRIBERS, desc="Subscribers", unit=" subscribers", file=sys.stderr) as bar:
        generate_subscribers(newsletter, SUBSCRIBERS, progress=bar.update)
    return newsletter


def raw_smtp_baseline(smtp, count=3000):
    """The fastest this machine moves messages to the server: one connection, a prebuilt message."""
    import smtplib

    body = (
        "Subject: baseline\r\nFrom: a@news.example\r\nTo: b@example.org\r\n\r\n" + ("x" * 70 + "\r\n") * 60
    ).encode()
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
    before, doubled_before = smtp.mailbox.count, smtp.mailbox.doubled
    sending.start_send(issue)
    frozen_at = time.perf_counter()
    sending.freeze_audience(issue.pk)  # what the send task does first (idempotent): one delivery row per recipient
    freeze_seconds = time.perf_counter() - frozen_at
    for _ in range(WORKERS - 1):  # more workers on the same issue share its batches (claims are atomic)
        send_issue_task.enqueue(issue.pk)
    started = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "worker", "--batch"],
            cwd=ROOT,
            env=child_env(EMAIL_URL=smtp.url, NEWSLETTERS_SEND_CONNECTIONS=str(SEND_CONNECTIONS)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
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
    return {
        "issue": issue,
        "freeze": freeze_seconds,
        "elapsed": elapsed,
        "peak_mb": peak_mb,
        "received": smtp.mailbox.count - before,
        "doubled": smtp.mailbox.doubled - doubled_before,
        "report": report,
    }


def bench_bounces(issue):
    """BOUNCES hard-bounce reports, as Postfix writes them to each delivery's return path, read from a maildir."""
    import mailbox

    box = mailbox.Maildir(WORK / "bounces", create=True)
    deliveries = Delivery.objects.filter(issue=issue).order_by("pk").values_list("pk", "address")[:BOUNCES]
    for pk, address in tqdm(deliveries.iterator(), total=BOUNCES, desc="Writing bounces", file=sys.stderr):
        original = message_id(issue.pk, pk)
        report = dsn(bounces.return_path(pk), address, "failed", "5.1.1", "550 5.1.1 No such user", original, f"r{pk}")
        box.add(mailbox.MaildirMessage(report))
    suppressed_before = Suppression.objects.count()
    started = time.perf_counter()
    with tqdm(total=BOUNCES, desc="Reading bounces", unit=" msg", file=sys.stderr) as bar:
        read, recorded = bounces.poll_mailbox(f"maildir://{WORK / 'bounces'}", on_message=bar.update)
    elapsed = time.perf_counter() - started
    return {
        "read": read,
        "recorded": recorded,
        "suppressed": Suppression.objects.count() - suppressed_before,
        "elapsed": elapsed,
        "left": sum(1 for _ in (WORK / "bounces" / "new").iterdir()),  # unread until acted on
    }


def server_ready(port):
    """True once the sign-up page answers."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/newsletters/")
        return conn.getresponse().status == 200
    finally:
        conn.close()


SIGNUP_LUA = """-- Written by masthead/newsletters/bench.py: each request signs up an address never used before.
-- As a browser without JavaScript posts the form: an Origin header, no cookie, no fill timer.
wrk.method = "POST"
wrk.headers["Origin"] = "%(origin)s"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
local threads, counter = 0, 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
request = function()
  counter = counter + 1
  local body = "email=%(prefix)s-" .. tid .. "-" .. counter .. "%%40example.org&%(fields)s"
  return wrk.format(nil, "/newsletters/signup/", nil, body)
end
"""


def signup_script(origin, prefix):
    from urllib.parse import urlencode

    fields = urlencode({"newsletters": "bench", "started": "", "website": "", "source": "/"})
    path = WORK / f"{prefix}.lua"
    path.write_text(SIGNUP_LUA % {"origin": origin, "prefix": prefix, "fields": fields})
    return path


def bench_signup():
    """wrk (C, a few % of one core) against gunicorn in the production profile: the endpoint, not the client."""
    env = {
        **bench_environment(WORK),
        "DATABASE_URL": BENCH_ENV["DATABASE_URL"],
        "REDIS_URL": "",
        "NEWSLETTERS_SIGNUP_RATE_PER_IP": BENCH_ENV["NEWSLETTERS_SIGNUP_RATE_PER_IP"],
    }
    manage(env, "collectstatic", "--noinput")  # production serves hashed static files
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "masthead.wsgi",
            "-w",
            str(GUNICORN_WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if server_ready(port):
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start")
        results = {}
        for name, path, script in (
            ("static file", STATIC_PATH, None),
            ("GET /newsletters/", "/newsletters/", None),
            ("sign-up POST", "/newsletters/signup/", "signup"),
        ):
            runs = [
                wrk(
                    base + path,
                    SIGNUP_CONNECTIONS,
                    SIGNUP_SECONDS,
                    script=signup_script(base, f"signup{i}") if script else None,
                )
                for i in range(REPEATS)
            ]
            results[name] = {**median_of(runs), "runs": runs}
        from django_tasks_db.models import DBTaskResult

        from masthead.newsletters.tasks import sign_up_task

        # Each answered sign-up is a queued sign_up_task (the worker does the rest, see README "Reader flow").
        made = DBTaskResult.objects.filter(task_path=sign_up_task.module_path).count()
        return results, made
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


def main():
    print(f"Working in {WORK}", file=sys.stderr)
    if DATABASE_URL.startswith("postgres"):
        ensure_postgres_database(BENCH_ENV["DATABASE_URL"])  # created if missing; give it an empty one
    call_command("migrate", verbosity=0)
    with LoopbackSMTP(keep=False) as smtp:
        raw_rate = raw_smtp_baseline(smtp)
        send = bench_send(smtp)
    bounced = bench_bounces(send["issue"])
    web, made = bench_signup()
    report = send["report"]
    send_rate = SUBSCRIBERS / send["elapsed"]
    signup, static, page = web["sign-up POST"], web["static file"], web["GET /newsletters/"]
    answered = sum(run["requests"] for run in signup["runs"])
    errors = sum(run["errors"] + run["socket_errors"] for run in signup["runs"])
    # wrk stops counting at the deadline; requests already in flight may still be written, hence >=.
    ok_send = (
        send["received"] == SUBSCRIBERS == report["sent"] == len(smtp.mailbox.recipients - {"b@example.org"})
        and send["doubled"] == 0
        and send_rate >= TARGET_SEND_RATE
        and send["peak_mb"] < 300
    )
    bounce_rate = bounced["read"] / bounced["elapsed"]
    ok_bounces = bounced["recorded"] == bounced["suppressed"] == BOUNCES and bounce_rate > TARGET_BOUNCE_RATE
    ok_signup = signup["rps"] >= 200 and errors == 0 and answered <= made <= answered + SIGNUP_CONNECTIONS * REPEATS
    print(f"\nNewsletter benchmark ({'SQLite file' if 'sqlite' in DATABASE_URL else 'PostgreSQL'}), load {load()}")
    print(
        f"  send: {SUBSCRIBERS} subscribers, {send['received']} received by the SMTP server, rows: "
        f"{report['sent']} sent / {report['failed']} failed / {report['unknown']} unknown"
    )
    print(f"  send: {send['doubled']} doubled (a second message to the same address at the server)")
    print(f"  freeze: the audience of {SUBSCRIBERS} frozen in {send['freeze']:.1f} s")
    print(
        f"  send: {send['elapsed']:.1f} s ({send_rate:.0f} msg/s; 1,000,000 at this rate: "
        f"{1_000_000 / send_rate / 60:.1f} min), target >= {TARGET_SEND_RATE:.0f} msg/s (the million in 15 min); "
        f"raw smtplib baseline {raw_rate:.0f} msg/s, engine/raw ratio {send_rate / raw_rate:.2f}"
    )
    print(
        f"  send: {WORKERS} worker processes x {SEND_CONNECTIONS} senders (NEWSLETTERS_SEND_CONNECTIONS), "
        f"peak worker memory {send['peak_mb']:.0f} MB, target < 300 MB"
    )
    print(
        f"  web: gunicorn {GUNICORN_WORKERS} sync workers, production profile, wrk {SIGNUP_CONNECTIONS} connections, "
        f"{REPEATS} runs x {SIGNUP_SECONDS} s each, medians:"
    )
    for name, r in web.items():
        each = ", ".join(f"{run['rps']:.0f}" for run in r["runs"])
        print(f"    {name:18} {r['rps']:7.1f} req/s  p50 {r['p50']:6.2f} ms  p99 {r['p99']:7.2f} ms  (runs: {each})")
    print(
        f"  sign-up: {answered} answered, {errors} errors or non-2xx, {made} sign-ups queued; "
        f"{signup['rps']:.0f}/s, target >= 200/s"
    )
    print(
        f"  sign-up ratios: {signup['rps'] / page['rps']:.2f}x GET /newsletters/, "
        f"{signup['rps'] / static['rps']:.2f}x the static file"
    )
    print(
        f"  bounces: {bounced['read']} read, {bounced['recorded']} recorded, {bounced['suppressed']} suppressed, "
        f"{bounced['left']} left in the mailbox, {bounced['elapsed']:.1f} s ({bounce_rate:.0f}/s), "
        f"target > {TARGET_BOUNCE_RATE}/s"
    )
    ok = ok_send and ok_bounces and ok_signup
    print("  RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


def load():
    return ", ".join(f"{figure:.1f}" for figure in os.getloadavg())


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(WORK, ignore_errors=True)  # ~70 MB of database per run
