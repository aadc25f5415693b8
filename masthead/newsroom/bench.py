"""Article page benchmark: the production profile under gunicorn, loaded by wrk on loopback.

    make bench                       # SQLite (a bench database in var/bench/)
    DATABASE_URL=postgres://... make bench

One connection for 10 s (latency), then 16 connections for 20 s (throughput), each repeated and reported as the
median; a static file served by the same gunicorn is the baseline, so the ratio survives a noisy machine.
No page cache is involved: every request renders the whole page. As in production, the article lists and the
article body are cached as fragments, and the routing middleware remembers the page object; each request still
loads the page's lineage from the database to prove them current (see newsroom/routing.py).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_environment(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        MASTHEAD_ENV="production",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdefghijklmnop",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        MASTHEAD_VAR_DIR=str(var_dir),
        MASTHEAD_BASE_URL="http://127.0.0.1",
        LOG_LEVEL="ERROR",
    )
    return env


def ensure_postgres_database(url: str):
    """Create the benchmark's PostgreSQL database if it does not exist yet."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def manage(env, *args, quiet=True):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL if quiet else None
    )


def wrk(url: str, connections: int, seconds: int, script=None, headers=()) -> dict:
    """One wrk run (``script``: a Lua file shaping the requests, e.g. POST bodies; ``headers``: "Name: value")."""
    out = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t",
            str(min(connections, 2)),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            *(["-s", str(script)] if script else []),
            *[arg for header in headers for arg in ("-H", header)],
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def millis(label):
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": millis("50%"),
        "p99": millis("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def query_count(env, path: str) -> int:
    code = (
        "import django, os; django.setup()\n"
        "from django.test import Client\nfrom django.db import connection\n"
        "from django.test.utils import CaptureQueriesContext\n"
        f"c = Client(HTTP_HOST='127.0.0.1'); c.get('{path}'); c.get('{path}')\n"  # route, then page object remembered
        f"with CaptureQueriesContext(connection) as q: r = c.get('{path}')\n"
        "assert r.status_code == 200, r.status_code\nprint(len(q))\n"
    )
    env = {**env, "DJANGO_SETTINGS_MODULE": "masthead.settings"}
    return int(
        subprocess.run(
            [PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout.split()[-1]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--latency-seconds", type=int, default=10)
    parser.add_argument("--throughput-seconds", type=int, default=20)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("make bench needs wrk: apt-get install -y wrk")

    var_dir = ROOT / "var" / "bench"
    env = bench_environment(var_dir)
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    if database == "PostgreSQL":
        ensure_postgres_database(env["DATABASE_URL"])
    print(f"Preparing the demo newsroom on {database} (production profile)...")
    manage(env, "setup_newsroom")
    manage(env, "collectstatic", "--noinput")
    article_path = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django; django.setup()\nfrom masthead.newsroom.models import ArticlePage\n"
            "print(ArticlePage.objects.live().filter(body__icontains='related_article').order_by('-first_published_at').first().url)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "masthead.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    queries = query_count(env, article_path)

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "masthead.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "--access-logformat",
            "",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + article_path, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        static_path = "/static/masthead/css/print.css"
        urllib.request.urlopen(base + static_path).read()
        print(f"gunicorn: {args.workers} sync workers on {base}; article {article_path}; {args.repeats} runs each\n")
        results = {}
        for name, path in (("baseline static file", static_path), ("article page", article_path)):
            for label, connections, seconds in (
                ("1 connection", 1, args.latency_seconds),
                ("16 connections", 16, args.throughput_seconds),
            ):
                runs = [wrk(base + path, connections, seconds) for _ in range(args.repeats)]
                results[(name, label)] = median_of(runs)
                r = results[(name, label)]
                each = ", ".join(f"{run['rps']:.0f}" for run in runs)
                print(
                    f"{name:22} {label:15} {r['rps']:8.1f} req/s   p50 {r['p50']:6.2f} ms   p99 {r['p99']:7.2f} ms"
                    f"   non-2xx {int(r['errors'])}   (runs: {each} req/s)"
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    article16, article1 = results[("article page", "16 connections")], results[("article page", "1 connection")]
    ratio = article16["rps"] / results[("baseline static file", "16 connections")]["rps"]
    print(
        f"\nArticle page on {database}: {article16['rps']:.1f} req/s at 16 connections (target >= 150), "
        f"p50 {article1['p50']:.2f} ms at 1 connection (target < 12), {queries} queries (target <= 15); "
        f"{ratio:.2f}x the static-file baseline's throughput."
    )
    ok = article16["rps"] >= 150 and article1["p50"] < 12 and queries <= 15 and article16["errors"] == 0
    print("Targets met." if ok else "Targets NOT met.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
