"""`make bench-live`: open live pages polling while an editor posts, against the production profile under gunicorn.

    make bench-live                                  # 2,000 pollers for 60 s (the issue's figures)
    BENCH_LIVE_ARGS="--pollers 300 --seconds 30" make bench-live
    BENCH_LIVE_ARGS="--baseline-tree ../main-checkout --rounds 2" make bench-live   # main's web code vs this one's

The demo newsroom (with its live page) is set up in ``BENCH_DATABASE_URL`` (default: a ``masthead_bench_live``
PostgreSQL database, created if missing), with ``BENCH_REDIS_URL`` (default Redis db 10) as the cache; ``--port``
puts gunicorn on a given port. Each simulated open page polls ``/live/<id>/updates/?after=<newest it has>&since=...``
with the ETag of its last answer, as ``live.js`` does, every ``--interval`` seconds (default: the page's own
``MASTHEAD_LIVE_POLL_SECONDS``, 12), spread evenly over the interval; meanwhile an editor adds an entry every
``--entry-every`` seconds. Interleaved with them, one request in ten is the baseline: a conditional request for
the site's RSS feed (a remembered 304), so the ratio survives a noisy machine.

Why 12 s and not the issue's 15: the promise is that every open page sees every entry within 15 s, and a proxy may
keep a poll's answer 2 s (``max-age=2``), so an entry posted just after a poll waits up to interval + 2 s +
the poll's own time. At 15 s that breaks the promise by construction; 12 s keeps it, and it is also the stricter
load (2,000 pages every 12 s is 167 polls a second, against 133 every 15 s).

With ``--baseline-tree`` the same pollers, editor and database are served in turns (``--rounds`` runs of each, in
alternating order) by gunicorn from the other checkout and from this one, and the medians and their ratios are
printed: the machine's noise then falls on both alike.

Reported: p50/p99 of a poll and of the baseline, errors, and for every entry and every poller the time from the
entry's creation to the poller's first answer that carried it. Targets: poll p99 < 50 ms, 0 errors, every
poller sees every entry within 15 s.
"""

import argparse
import heapq
import http.client
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from masthead.newsroom.bench import ROOT, bench_environment, ensure_postgres_database, free_port, manage

PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/masthead_bench_live"
DEFAULT_REDIS = "redis://127.0.0.1:6379/10"


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


class Poller:
    def __init__(self, number, after, since):
        self.number, self.after, self.since, self.etag = number, after, since, None


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.poll_ms, self.baseline_ms, self.errors, self.statuses = [], [], [], {}
        self.answers = []  # (poller, newest id it had, newest id in the answer, when the answer came)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pollers", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--interval", type=float, default=None)
    parser.add_argument("--entry-every", type=float, default=5)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--client-threads", type=int, default=48)
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: any free one)")
    parser.add_argument(
        "--baseline-tree",
        type=Path,
        help="another checkout (e.g. a worktree of main): its web code serves in turns with this one's, to the same "
        "pollers and editor, and both are reported",
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs of each tree, in alternating order")
    args = parser.parse_args(os.environ.get("BENCH_LIVE_ARGS", "").split() or None)

    env = bench_environment(ROOT / "var" / "bench-live")
    env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    env["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    env["DJANGO_SETTINGS_MODULE"] = "masthead.settings"
    if env["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])
    print("Preparing the demo newsroom (production profile, PostgreSQL, Redis)...", flush=True)
    manage(env, "setup_newsroom")
    manage(env, "collectstatic", "--noinput")

    os.environ.update(env)  # the editor below writes through the same settings as the web server
    import django

    django.setup()
    from django.conf import settings

    from masthead.live.models import LivePage

    interval = args.interval or settings.MASTHEAD_LIVE_POLL_SECONDS
    page = LivePage.objects.live().filter(coverage=LivePage.Coverage.LIVE).order_by("-pk").first()
    if page is None:
        sys.exit("The demo newsroom has no running live page.")
    trees = [("change", ROOT)]
    if args.baseline_tree:
        trees.insert(0, ("baseline", args.baseline_tree.resolve()))
    print(
        f"gunicorn: {args.workers} sync workers; {args.pollers} pollers every {interval:g} s for {args.seconds} s; "
        f"an entry every {args.entry_every:g} s; live page {page.url}",
        flush=True,
    )
    summaries = {label: [] for label, _ in trees}
    for number in range(args.rounds):
        for label, tree in trees if number % 2 == 0 else trees[::-1]:
            print(f"\n{label} ({tree}), round {number + 1}; load average {load_average()}", flush=True)
            summary = summarize(args, interval, *serve_and_poll(args, env, tree, interval, page))
            print_summary(summary)
            summaries[label].append(summary)
    if args.baseline_tree:
        compare(summaries)
    return 0 if all(summary["ok"] for summary in summaries["change"]) else 1


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def serve_and_poll(args, env, tree, interval, page):
    """gunicorn serving ``tree``'s code while the pollers and the editor run; the page keeps only its own entries."""
    from masthead.live.models import change_stamp

    _, newest_change, start_after = page.entries_state()
    start = (start_after, change_stamp(newest_change))
    port = args.port or free_port()
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "masthead.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "warning"],
        cwd=tree,
        env={**env, "PYTHONPATH": str(tree)},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    poll_path, baseline_path = f"/live/{page.pk}/updates/", "/feeds/rss/"
    try:
        wait_for(port, poll_path)
        baseline_etag = request(port, baseline_path, None)[2]
        return run(args, interval, port, poll_path, baseline_path, baseline_etag, page, start)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        page.entries.filter(pk__gt=start_after).delete()  # the demo page keeps its dozen


def wait_for(port, path):
    for _ in range(150):
        try:
            if request(port, path, None)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("gunicorn did not answer.")


def request(port, path, etag):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"If-None-Match": etag} if etag else {})
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("ETag")
    finally:
        connection.close()


def run(args, interval, port, poll_path, baseline_path, baseline_etag, page, start_position):
    from masthead.live.factories import add_entry

    results, created = Results(), {}  # entry id -> creation time (monotonic)
    pollers = [Poller(number, *start_position) for number in range(args.pollers)]
    start = time.monotonic() + 1
    end = start + args.seconds
    schedule = [(start + interval * number / args.pollers, number) for number in range(args.pollers)]
    heapq.heapify(schedule)
    jobs = queue.Queue()
    stop = threading.Event()

    def client():
        count = 0
        while True:
            job = jobs.get()
            if job is None:
                return
            poller = job
            count += 1
            baseline = count % 10 == 0
            path = baseline_path if baseline else f"{poll_path}?after={poller.after}&since={poller.since}"
            sent = time.monotonic()
            try:
                status, body, etag = request(port, path, baseline_etag if baseline else poller.etag)
            except OSError as exc:
                with results.lock:
                    results.errors.append(repr(exc))
                continue
            answered = time.monotonic()
            with results.lock:
                (results.baseline_ms if baseline else results.poll_ms).append((answered - sent) * 1000)
                results.statuses[status] = results.statuses.get(status, 0) + 1
                if status not in (200, 304):
                    results.errors.append(f"HTTP {status}")
            if baseline:
                jobs.put(poller)  # the baseline took this poller's turn: it polls right after
                continue
            if status == 200:
                answer = json.loads(body)
                latest, poller.since, poller.etag = answer["latest"], answer["since"], etag
                if latest > poller.after:
                    with results.lock:
                        results.answers.append((poller.number, poller.after, latest, answered))
                    poller.after = latest

    def editor():
        number = 0
        next_entry = start + args.entry_every / 2
        while not stop.is_set():
            delay = next_entry - time.monotonic()
            if delay > 0 and stop.wait(delay):
                return
            number += 1
            posted = time.monotonic()  # time-to-see counts from the moment the editor posts
            entry = add_entry(page, f"Bench update number {number}: the wind is still strong.", f"Update {number}")
            with results.lock:
                created[entry.pk] = posted
            next_entry += args.entry_every

    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.client_threads)]
    for thread in threads:
        thread.start()
    writer = threading.Thread(target=editor, daemon=True)
    writer.start()
    while True:
        due, number = schedule[0]
        if due >= end:
            break
        now = time.monotonic()
        if due > now:
            time.sleep(min(due - now, 0.05))
            continue
        heapq.heapreplace(schedule, (due + interval, number))
        jobs.put(pollers[number])
    # One last round after the end, so entries from the last interval are counted for everyone.
    stop.set()
    writer.join()
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    return results, created


def summarize(args, interval, results, created) -> dict:
    polls, baseline = results.poll_ms, results.baseline_ms
    # Entries every poller has had a full interval to see (the last ones may land after the final polls).
    cutoff = max(created.values(), default=0) - interval - 1
    judged = [entry_id for entry_id, at in created.items() if at <= cutoff]
    seen = {}
    for number, had, latest, answered in results.answers:
        for entry_id in judged:
            if had < entry_id <= latest:
                seen[(number, entry_id)] = answered - created[entry_id]
    delays = [seen.get((number, entry_id)) for entry_id in judged for number in range(args.pollers)]
    missed = sum(1 for delay in delays if delay is None)
    delays = [delay for delay in delays if delay is not None]
    summary = {
        "polls": len(polls),
        "p50": statistics.median(polls) if polls else float("nan"),
        "p99": percentile(polls, 0.99),
        "statuses": results.statuses,
        "baseline": len(baseline),
        "b50": statistics.median(baseline) if baseline else float("nan"),
        "b99": percentile(baseline, 0.99),
        "errors": results.errors,
        "posted": len(created),
        "judged": len(judged) * args.pollers,
        "see50": statistics.median(delays or [0]),
        "see99": percentile(delays, 0.99),
        "worst": max(delays, default=float("nan")),
        "missed": missed,
        "load": load_average(),
    }
    summary["ok"] = summary["p99"] < 50 and not results.errors and missed == 0 and summary["worst"] <= 15
    return summary


def print_summary(s):
    print(f"polls      {s['polls']:7d}   p50 {s['p50']:6.2f} ms   p99 {s['p99']:6.2f} ms   statuses {s['statuses']}")
    print(
        f"baseline   {s['baseline']:7d}   p50 {s['b50']:6.2f} ms   p99 {s['b99']:6.2f} ms   (conditional site RSS feed)"
    )
    print(f"poll / baseline: p50 {s['p50'] / s['b50']:.2f}x, p99 {s['p99'] / s['b99']:.2f}x")
    shown = ", ".join(sorted(set(s["errors"]))[:3])
    print(f"errors {len(s['errors'])}" + (f": {shown}" if shown else ""))
    print(
        f"entries posted {s['posted']}: time-to-see p50 {s['see50']:.1f} s, p99 {s['see99']:.1f} s,"
        f" max {s['worst']:.1f} s; missed {s['missed']} of {s['judged']}; load average after {s['load']}"
    )
    print("Targets met." if s["ok"] else "Targets NOT met.", flush=True)


def compare(summaries):
    """Medians over the rounds of each tree, and the change's over the baseline's."""
    print("\nmedians over rounds      poll p50    poll p99    feed p50    feed p99    max time-to-see   missed")
    medians = {}
    for label, runs in summaries.items():
        medians[label] = {key: statistics.median(run[key] for run in runs) for key in ("p50", "p99", "b50", "b99")}
        worst, missed = max(run["worst"] for run in runs), sum(run["missed"] for run in runs)
        row = medians[label]
        print(
            f"{label:24s} {row['p50']:8.2f}ms {row['p99']:8.2f}ms {row['b50']:8.2f}ms {row['b99']:8.2f}ms"
            f" {worst:14.1f} s {missed:8d}"
        )
    ratio = {key: medians["change"][key] / medians["baseline"][key] for key in ("p50", "p99", "b50", "b99")}
    print(
        f"change / baseline: poll p50 {ratio['p50']:.2f}x, p99 {ratio['p99']:.2f}x"
        f" (the feed, untouched: p50 {ratio['b50']:.2f}x, p99 {ratio['b99']:.2f}x)"
    )


if __name__ == "__main__":
    sys.exit(main())
