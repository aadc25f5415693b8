"""``make bench-prod``: the production profile (``make prod``'s processes) against nginx serving a static file.

    make bench-prod                                   # PostgreSQL db masthead_bench_prod, Redis db 0
    BENCH_ARGS="--seconds 5 --rounds 3" DATABASE_URL=... REDIS_URL=... make bench-prod

In one run: starts Varnish, two gunicorn nodes and two RQ workers (Procfile.prod) and, beside them, nginx serving
the same article's HTML as a pre-compressed static file (the physical limit). Then, in interleaved rounds, wrk
(2 threads, 16 connections, ``Accept-Encoding: gzip``) loads the static file, the article, home and section pages
through the proxy (cache hits) and the same pages at one web node (uncached); medians and ratios to the static
figure are printed. Every address is checked first (a 200 carrying its headline). Then 20 publishes, each timed
until its new headline shows through the proxy (the purge travels as a task through RQ to a worker), the
memory of every process, the page weights, and a web worker's cold start and imports.
"""

import argparse
import gzip
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from masthead.caching.prod import get, prepare, production_environment, start_stack, stop
from masthead.caching.varnish import ROOT, wait_for_port
from masthead.newsroom.bench import free_port, wrk

CONNECTIONS = 16
GZIP = "Accept-Encoding: gzip"
NGINX_CONF = """
daemon off; pid {state}/nginx.pid; error_log {state}/nginx-error.log; worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    access_log off; client_body_temp_path {state}/tmp; proxy_temp_path {state}/tmp; fastcgi_temp_path {state}/tmp;
    uwsgi_temp_path {state}/tmp; scgi_temp_path {state}/tmp;
    server {{ listen 127.0.0.1:{port}; root {state}/static-html; gzip_static on; default_type text/html; }}
}}
"""


def text_of(url) -> str:
    status, headers, body = get(url)
    return (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body).decode()


def headline_of(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return match.group(1).strip() if match else ""


def check(url, expected: str):
    html = text_of(url)
    assert expected in html, f"{url} does not carry {expected!r}"


def reader_addresses(proxy: str) -> dict:
    def paths(sitemap):
        return [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", text_of(proxy + sitemap))]

    articles, pages = paths("/sitemap-articles.xml"), paths("/sitemap-pages.xml")
    section = next(path for path in pages if path.strip("/") and path.count("/") == 2)
    return {"article": articles[-1], "home": "/", "section": section}


def start_nginx(state: Path, article_html: bytes) -> tuple[subprocess.Popen, int]:
    port = free_port()
    (state / "tmp").mkdir(parents=True, exist_ok=True)
    html_dir = state / "static-html"
    html_dir.mkdir(exist_ok=True)
    (html_dir / "article.html").write_bytes(article_html)
    (html_dir / "article.html.gz").write_bytes(gzip.compress(article_html, 9))
    conf = state / "nginx.conf"
    conf.write_text(NGINX_CONF.format(state=state, port=port))
    nginx = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(state)], start_new_session=True)
    wait_for_port(port)
    return nginx, port


def load_rounds(targets: dict, rounds: int, seconds: int) -> dict:
    """Interleaved: every target once per round, so a noisy neighbour hits each alike."""
    runs = {name: [] for name in targets}
    for number in range(rounds):
        for name, url in targets.items():
            runs[name].append(wrk(url, CONNECTIONS, seconds, headers=[GZIP]))
        print(f"  round {number + 1}/{rounds} done", flush=True)
    return {name: {key: statistics.median(run[key] for run in rs) for key in rs[0]} for name, rs in runs.items()}


def publish_to_visible(env, watched: dict, article_path: str, times: int) -> dict:
    """Publish a new headline through the ORM (a process of its own, like an editor's request to a node) and time
    until each of ``watched`` (name: base URL; the proxy and each web node directly) shows it on the article.

    Every watched address serves the article before each publication, so the proxy and each node's own memory
    (page memory, fragments) hold the old headline: a node that kept it past the publication would show here.
    Returns, per name, (seconds from the publish call, seconds from its commit) for each publication.
    """
    code = (
        "import sys, django; django.setup()\n"
        "from masthead.newsroom.models import ArticlePage\n"
        "page = next(p for p in ArticlePage.objects.live().specific() if p.get_url(None) == sys.argv[1])\n"
        "for line in sys.stdin:\n"
        "    page.title = line.strip(); page.save_revision().publish(); print('ok', flush=True)\n"
    )
    editor = subprocess.Popen(
        [sys.executable, "-c", code, article_path],
        env={**env, "DJANGO_SETTINGS_MODULE": "masthead.settings"},
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    delays = {name: [] for name in watched}
    try:
        for number in range(times):
            headline = f"Bench headline {number} {time.time_ns()}"
            for base in watched.values():
                get(base + article_path)  # cached before the publication, at the proxy and in each node
            started = time.monotonic()
            editor.stdin.write(headline + "\n")
            editor.stdin.flush()
            if editor.stdout.readline().strip() != "ok":
                raise RuntimeError(f"publication {number} failed in the editor process (its traceback is above)")
            committed = time.monotonic()
            for name, seconds in _until_visible(watched, article_path, headline, started).items():
                delays[name].append((seconds, seconds - (committed - started)))
    finally:
        editor.stdin.close()
        editor.wait(timeout=30)
    return delays


def _until_visible(watched: dict, path: str, headline: str, started: float) -> dict:
    seen = {}
    while len(seen) < len(watched):
        for name, base in watched.items():
            if name not in seen and headline in text_of(base + path):
                seen[name] = time.monotonic() - started
        if time.monotonic() - started > 60:
            raise TimeoutError(f"{headline!r} not visible after 60 s at {sorted(set(watched) - set(seen))}")
        time.sleep(0.01)
    return seen


def descendants(pid: int) -> list[int]:
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def process_memory(stack_pid: int) -> list[tuple[str, int, int, bool]]:
    """(command, pid, RSS MiB, numpy loaded) of every process the stack runs."""
    rows = []
    for pid in descendants(stack_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
            rss = int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) // 1024
            numpy = "numpy" in Path(f"/proc/{pid}/maps").read_text()
        except (OSError, AttributeError):
            continue
        if cmdline and not cmdline.startswith(("/bin/sh", "sh ")):
            rows.append((cmdline[:70], pid, rss, numpy))
    return sorted(rows)


def page_weight(proxy: str, path: str) -> dict:
    html_status, html_headers, html = get(proxy + path)
    text = gzip.decompress(html).decode() if html_headers.get("Content-Encoding") == "gzip" else html.decode()
    css = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    js = re.findall(r'<script[^>]+src="([^"]+)"', text)
    return {
        "html": len(html),
        "css": sum(len(get(proxy + href)[2]) for href in css),
        "js": sum(len(get(proxy + src)[2]) for src in js),
    }


def cold_start(env, root: Path = ROOT, port: int | None = None, then=()) -> dict:
    """Process start to first 200 of a one-worker gunicorn (the code and venv under ``root``), and what its worker
    imported, once it has also served ``then`` (reader addresses: what a worker loads for a page, not /robots.txt)."""
    port = port or free_port()
    started = time.monotonic()
    web = subprocess.Popen(
        [str(root / ".venv/bin/gunicorn"), "masthead.wsgi", "-c", str(root / "deploy/gunicorn.conf.py")],
        env={**env, "WEB_BIND": f"127.0.0.1:{port}", "WEB_WORKERS": "1"},
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while True:
            try:
                if get(f"http://127.0.0.1:{port}/robots.txt")[0] == 200:
                    break
            except OSError:
                if time.monotonic() - started > 60:
                    raise
                time.sleep(0.02)
        seconds = time.monotonic() - started
        cpu = cpu_seconds([web.pid, *descendants(web.pid)])
        then_seconds = []
        for path in then:
            get(f"http://127.0.0.1:{port}{path}")
            then_seconds.append(time.monotonic() - started)
        memory = process_memory(web.pid)
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(timeout=30)
    return {"seconds": seconds, "cpu": cpu, "workers": memory, "then_seconds": then_seconds}


def cpu_seconds(pids) -> float:
    """User + system CPU the processes have used so far (a loaded machine stretches wall time, not this)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / os.sysconf("SC_CLK_TCK")


def compile_bytecode(env, root: Path):
    """Compile ``root``'s own modules as ``make install`` does, so each tree's start is timed as deployed (a tree
    whose modules must be compiled on every start spends most of it in the compiler); say if its venv lacks it."""
    python = str(root / ".venv/bin/python")
    subprocess.run([python, "-m", "compileall", "-q", "masthead"], env=env, cwd=root, check=True)
    probe = "import django, os, importlib.util as u; print(os.path.exists(u.cache_from_source(django.__file__)))"
    compiled = subprocess.run([python, "-c", probe], env=env, cwd=root, capture_output=True, text=True).stdout
    if compiled.strip() != "True":
        print(f"warning: {root}/.venv has no bytecode; `make install` compiles it", flush=True)


def import_cpu(env, root: Path) -> float:
    """CPU seconds (user + system) a fresh interpreter spends on ``import masthead.wsgi`` under ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(root / ".venv/bin/python"), "-c", "import masthead.wsgi"], env=env, cwd=root, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def slowest_imports(env, root: Path, count: int = 15) -> list[tuple[float, str]]:
    """(cumulative seconds, module) of the slowest imports ``import masthead.wsgi`` makes, as ``-X importtime``
    sees them: django.setup() imports every app from inside masthead.wsgi, so its direct children are the apps'."""
    code = "import masthead.wsgi"
    out = subprocess.run(
        [str(root / ".venv/bin/python"), "-X", "importtime", "-c", code],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = re.findall(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", out.stderr)
    children = [(int(cumulative) / 1e6, name) for cumulative, indent, name in rows if len(indent) <= 3]
    return sorted(children, reverse=True)[1 : count + 1]  # the first is masthead.wsgi itself


def compare_cold_starts(env, baseline: Path, runs: int):
    """``--cold-start-only``: this tree's cold start against ``baseline``'s (another worktree), interleaved."""
    port = int(env["PROD_PORT"]) + 3
    trees = {"baseline": baseline, "this tree": ROOT}
    for root in trees.values():
        compile_bytecode(env, root)
    columns = {"cold start s": {}, "its CPU s": {}, "to / s": {}, "import CPU s": {}, "worker MiB": {}}
    for figures in columns.values():
        figures.update({name: [] for name in trees})
    for number in range(runs):
        for name, root in trees.items():
            started = cold_start(env, root, port, then=("/",))
            columns["cold start s"][name].append(started["seconds"])
            columns["its CPU s"][name].append(started["cpu"])
            columns["to / s"][name].append(started["then_seconds"][0])
            columns["worker MiB"][name].extend(row[2] for row in started["workers"])
            columns["import CPU s"][name].append(import_cpu(env, root))
        print(f"  run {number + 1}/{runs} done, load average {os.getloadavg()[0]:.2f}", flush=True)
    print(f"\ncold start, {runs} interleaved runs, medians (its CPU: gunicorn's until the first 200; to /: process")
    print("start to the home page's 200, the first page Wagtail serves; worker MiB: RSS once / was served too):")
    print(f"{'tree':<12}" + "".join(f"{label:>15}" for label in columns))
    for name in trees:
        print(f"{name:<12}" + "".join(f"{statistics.median(figures[name]):>15.2f}" for figures in columns.values()))
    print(f"{'ratio':<12}" + "".join(f"{_ratio(figures):>15.2f}" for figures in columns.values()))
    for name, root in trees.items():
        print(f"\nslowest imports of masthead.wsgi ({name}, cumulative ms):")
        for cumulative, module in slowest_imports(env, root):
            print(f"  {cumulative * 1000:>7.0f}  {module}")
    print(f"\nload average {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


def _ratio(figures: dict) -> float:
    return statistics.median(figures["this tree"]) / statistics.median(figures["baseline"])


def report_load(results: dict):
    static = results["static"]["rps"]
    print(f"\n{'target':<22}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'x static':>10}{'non-2xx':>9}")
    for name, row in results.items():
        ratio = row["rps"] / static
        print(f"{name:<22}{row['rps']:>10.0f}{row['p50']:>9.2f}{row['p99']:>9.2f}{ratio:>10.2f}{row['errors']:>9.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="each wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--cold-start-only", action="store_true", help="compare cold starts with --baseline only")
    parser.add_argument("--baseline", type=Path, help="with --cold-start-only: a worktree of main to compare with")
    parser.add_argument("--runs", type=int, default=7, help="cold starts of each tree")
    args = parser.parse_args()
    if args.cold_start_only and not args.baseline:
        parser.error("--cold-start-only needs --baseline PATH (e.g. git worktree add ../masthead-main main)")

    port = int(os.environ.get("PROD_PORT") or free_port())
    state = Path(os.environ.get("PROD_VAR_DIR", ROOT / "var" / "bench-prod"))
    env = production_environment(
        port, state, base={**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL") or _bench_database()}
    )
    env["LOG_LEVEL"] = "WARNING"
    print("Preparing the production profile (migrate, collectstatic, demo newsroom)…", flush=True)
    prepare(env)
    if args.cold_start_only:
        return compare_cold_starts(env, args.baseline, args.runs)
    stack = start_stack(env, state)
    nginx = None
    try:
        proxy, node = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{env['WEB1_PORT']}"
        paths = reader_addresses(proxy)
        article_html = text_of(node + paths["article"]).encode()
        nginx, nginx_port = start_nginx(state, article_html)
        targets = {"static": f"http://127.0.0.1:{nginx_port}/article.html"}
        for name, path in paths.items():
            expected = headline_of(text_of(node + path)) or "</html>"
            for base, where in ((proxy, "proxy"), (node, "app")):
                check(base + path, expected)
                targets[f"{name} ({where})"] = base + path
        print(f"Loading {len(targets)} targets, {args.rounds} interleaved rounds of {args.seconds} s…", flush=True)
        report_load(load_rounds(targets, args.rounds, args.seconds))

        watched = {"proxy": proxy, "node 1": node, "node 2": f"http://127.0.0.1:{env['WEB2_PORT']}"}
        delays = publish_to_visible(env, watched, paths["article"], args.publishes)
        print(f"\npublish (by a process of its own) to visible ({args.publishes} publishes):")
        for name, rows in delays.items():
            for label, column in (("from the publish call", 0), ("from its commit", 1)):
                times = sorted(row[column] for row in rows)
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                print(f"  {name:<7} {label:<22} p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")

        print("\nmemory per process (RSS MiB, numpy loaded?):")
        for command, _pid, rss, numpy in process_memory(stack.pid):
            print(f"  {rss:>5}  {'numpy' if numpy else '     '}  {command}")

        print("\npage weights (gzip, bytes):")
        for name in ("article", "home"):
            weight = page_weight(proxy, paths[name])
            print(f"  {name:<8} HTML {weight['html']:>7}  CSS {weight['css']:>7}  JS {weight['js']:>7}")

        started = cold_start(env)
        print(f"\ncold start (process start to first 200, one worker): {started['seconds']:.2f} s")
        for command, _pid, rss, numpy in started["workers"]:
            print(f"  {rss:>5} MiB  {'numpy loaded' if numpy else 'no numpy'}  {command}")
    finally:
        for process in filter(None, (nginx, stack)):
            stop(process)


def _bench_database() -> str:
    return "postgres://postgres@127.0.0.1:5432/masthead_bench_prod"


if __name__ == "__main__":
    main()
