"""Across machines (issue 9 §4), shown on ``make prod``'s real stack: Varnish, two gunicorn nodes, two RQ workers,
PostgreSQL and Redis, started once for this module by ``masthead.caching.prod``.

Nothing a web process keeps on its own may decide what a reader sees or who gets mail, so:
- a publish by an editor's request to web node 1 purges what the proxy and web node 2 served (node 2's page memory,
  fragments and routes included), within a second of the publish's commit;
- a newsletter sent with both workers running reaches every subscriber exactly once (counted per address at a real
  SMTP server on loopback), and both workers took a share of it.

The stack has its own PostgreSQL database (``crossnode_stack``, kept between runs: a fresh one costs a minute of
migrations), Redis db 15 (emptied first) and ports 24080-24082. This process reads the outcome straight from
PostgreSQL (psycopg) and never starts Django against the stack's database; the stack's own Python does the one
set-up step (``SET_UP``). Marked ``slow`` only, not ``db_sensitive``: it runs on PostgreSQL whatever the suite's
database, so one CI pass is enough.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import redis

from masthead.caching.bench import descendants, text_of
from masthead.caching.prod import SETTINGS, get, prepare, production_environment, start_stack, stop
from masthead.caching.varnish import ROOT
from masthead.core.chaos import editor_session, fetch, publish_over_http
from masthead.newsletters.smtp_server import LoopbackSMTP

pytestmark = pytest.mark.slow

PORT = 24080  # Varnish; the web nodes on PORT + 1 and PORT + 2 (this test's range: 24000-24999)
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/crossnode_stack"
REDIS_URL = "redis://127.0.0.1:6379/15"
EDITOR = ("stack-editor", "stack-editor-password-long")
SUBSCRIBERS = 400
BATCH_SIZE = 25  # sixteen batches: enough for both workers to claim some
REQUESTS_PER_NODE = 12  # new connections each: every gunicorn worker of the node (two here) serves the page
SEND_TIMEOUT = 120

SET_UP = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from masthead.newsletters.bulk import generate_subscribers
from masthead.newsletters.models import Issue, Newsletter, Subscriber
from masthead.newsroom.models import ArticlePage

username, password, tag, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
editor, _ = get_user_model().objects.get_or_create(username=username)
editor.is_staff = editor.is_superuser = True
editor.set_password(password)
editor.save()

article = ArticlePage.objects.live().order_by("-first_published_at").first()
headline = f"Corrected across nodes {tag}"
article.title = headline
article.save_revision(user=editor)  # a draft: the readers' page changes only when node 1 publishes it

newsletter = Newsletter.objects.create(
    name=f"Stack {tag}", slug=f"stack-{tag}", description="Across nodes.", sender_name="Stack",
    sender_email="stack@news.example",
)
first = 1_000_000 + Subscriber.objects.count()  # addresses no earlier run of this test used
generate_subscribers(newsletter, count, start=first)
issue = Issue.objects.create(newsletter=newsletter, subject=f"Across nodes {tag}", intro="<p>Hello.</p>")
print(json.dumps({
    "page_id": article.pk, "path": article.url, "headline": headline, "issue_id": issue.pk,
    "addresses": [f"reader{number}@example.org" for number in range(first, first + count)],
}))
"""


@dataclass
class Stack:
    env: dict
    smtp: LoopbackSMTP
    proxy: str
    node1: str
    node2: str
    made: dict  # what SET_UP made: the article's draft headline, the issue and its subscribers' addresses


@pytest.fixture(scope="module")
def stack():
    state = Path(tempfile.mkdtemp(prefix="masthead-stack-"))
    state.chmod(0o755)  # varnishd's own user reads its folder
    redis.Redis.from_url(REDIS_URL).flushdb()  # no task from an earlier run is left to take
    try:
        with LoopbackSMTP(keep=False) as smtp:
            env = stack_environment(state, smtp)
            prepare(env)
            made = set_up(env)
            process = start_stack(env, state)
            try:
                yield Stack(
                    env=env,
                    smtp=smtp,
                    proxy=f"http://127.0.0.1:{PORT}",
                    node1=f"http://127.0.0.1:{env['WEB1_PORT']}",
                    node2=f"http://127.0.0.1:{env['WEB2_PORT']}",
                    made=made,
                )
            finally:
                stop_every_process(process)
    finally:
        shutil.rmtree(state, ignore_errors=True)


def stack_environment(state: Path, smtp: LoopbackSMTP) -> dict:
    return production_environment(
        PORT,
        state,
        base={
            **os.environ,
            "DATABASE_URL": DATABASE_URL,
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": "crossnode",
            "EMAIL_URL": smtp.url,
            "LOG_LEVEL": "WARNING",
            # The publish below narrates the article: the real voice would keep a worker busy for minutes.
            "MASTHEAD_NARRATION_ENGINE": "masthead.narration.tests.engines.ToneEngine",
            "NEWSLETTERS_BATCH_SIZE": str(BATCH_SIZE),
            "NEWSLETTERS_POSTAL_ADDRESS": "1 Stack Street, Loopback",
        },
    )


def set_up(env) -> dict:
    tag = str(time.time_ns())
    out = subprocess.run(
        [sys.executable, "-c", SET_UP, *EDITOR, tag, str(SUBSCRIBERS)],
        cwd=ROOT,
        env={**env, **SETTINGS},
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def stop_every_process(process):
    """Stop the stack, then make sure none of its processes outlived it (RQ's work horses run in sessions of their
    own, out of reach of honcho's process group): any left is killed and fails the run."""
    pids = descendants(process.pid)
    stop(process)
    deadline = time.monotonic() + 30
    while (left := [pid for pid in pids if alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes outlived the stack: {left}"


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def served_by_every_worker(base: str, path: str) -> list[str]:
    """The page's headline as each of REQUESTS_PER_NODE requests (a new connection each) got it."""
    return [headline_in(text_of(base + path)) for _ in range(REQUESTS_PER_NODE)]


def headline_in(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return match.group(1).strip() if match else ""


def test_a_publish_through_node_1_purges_what_the_proxy_and_node_2_served(stack):
    path, headline = stack.made["path"], stack.made["headline"]
    before = served_by_every_worker(stack.node2, path)
    assert len(set(before)) == 1 and headline not in before  # node 2's workers remember the page as it was
    text_of(stack.proxy + path)
    status, headers, _ = get(stack.proxy + path)
    assert status == 200 and headers["X-Cache"] == "HIT"

    editor = editor_session(stack.node1, EDITOR)
    assert publish_over_http(editor, stack.node1, stack.made["page_id"]) == 200  # an editor's Publish, to node 1
    committed = time.monotonic()  # the response leaves node 1 after the publish's transaction committed

    while headline_in(text_of(stack.proxy + path)) != headline:
        assert time.monotonic() - committed < 1.0, "the proxy still serves the old headline 1 s after the commit"
        time.sleep(0.02)
    assert served_by_every_worker(stack.node2, path) == [headline] * REQUESTS_PER_NODE


def test_a_newsletter_sent_with_both_workers_reaches_every_subscriber_once(stack):
    issue_id, addresses = stack.made["issue_id"], stack.made["addresses"]
    wait_until_both_workers_are_idle()  # a worker still on the publish's tasks could not join the send
    editor = editor_session(stack.node1, EDITOR)
    send_now(editor, f"{stack.node1}/admin/newsletters/issue/{issue_id}/send/", issue_id)

    with psycopg.connect(DATABASE_URL, autocommit=True) as database:
        status = wait_for_the_send(database, issue_id)
        claims = database.execute(
            "SELECT claimed_by, count(*), min(claimed_at), max(sent_at) FROM newsletters_delivery"
            " WHERE issue_id = %s AND status = 'sent' GROUP BY claimed_by ORDER BY min(claimed_at)",
            [issue_id],
        ).fetchall()
    assert status == "sent"
    received = stack.smtp.mailbox.received
    assert [a for a in addresses if received[a] == 0] == []  # none lost
    assert [a for a in addresses if received[a] > 1] == []  # none doubled
    assert sum(count for _claimer, count, _first, _last in claims) == SUBSCRIBERS
    assert len(claims) >= 2, f"one send task took every batch: {claims}"
    # Two claimers sending at once are two workers: one RQ worker runs one task at a time.
    (_a, _n, first_started, first_ended), (_b, _m, second_started, _second_ended) = claims[:2]
    assert second_started < first_ended, f"the send tasks ran one after the other: {claims}"


def wait_until_both_workers_are_idle(seconds=60):
    from rq import Queue, Worker

    connection = redis.Redis.from_url(REDIS_URL)
    queue = Queue("crossnode:default", connection=connection)
    deadline = time.monotonic() + seconds
    while True:
        idle = [  # the two default-queue workers (the narrator serves its own queue only)
            worker.name
            for worker in Worker.all(connection=connection)
            if worker.get_state() == "idle" and queue.name in worker.queue_names()
        ]
        if len(idle) >= 2 and queue.count == 0:
            return idle
        assert time.monotonic() < deadline, f"the workers are not both idle after {seconds} s: idle {idle}"
        time.sleep(0.2)


def send_now(editor, url, issue_id):
    """The editor's two clicks on node 1: Send now, then Confirm on the page that shows the recipients' count."""
    _, _, page = fetch(editor, url)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    headers = {"Referer": url}
    status, _, confirmation = fetch(
        editor, url, data=f"csrfmiddlewaretoken={token}&action=now".encode(), headers=headers
    )
    assert status == 200 and f"{SUBSCRIBERS} recipients".encode() in confirmation
    body = f"csrfmiddlewaretoken={token}&action=now&confirmed={issue_id}".encode()
    status, _, _ = fetch(editor, url, data=body, headers=headers)
    assert status == 200


def wait_for_the_send(database, issue_id) -> str:
    deadline = time.monotonic() + SEND_TIMEOUT
    while True:
        (status,) = database.execute("SELECT status FROM newsletters_issue WHERE id = %s", [issue_id]).fetchone()
        if status not in ("sending", "scheduled") or time.monotonic() > deadline:
            return status
        time.sleep(0.2)
