"""Lighthouse on the demo's reader pages: mobile, Debian's Chromium, the median of 3 runs per page.

    make bench-pages                                  # home, article, section, author, search; 3 runs each
    make bench-pages BENCH_ARGS="--runs 1 --pages home article"

The production profile under gunicorn with production's settings (deploy/gunicorn.conf.py, two workers) on loopback
(WhiteNoise compresses static files, as in production). Prints the four category scores per page (median of the
runs) and the median Largest Contentful Paint and transfer size.
Targets (issue 13): 100 in every category; search is ``noindex`` by design, so its SEO score is shown but not held.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from masthead.core.testing import chromium_path
from masthead.newsroom.bench import PYTHON, ROOT, bench_environment, free_port, manage

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["home", "article", "section", "author", "search"]
NOT_HELD = {("search", "seo")}  # noindex by design
# The five metrics the performance score is made of (Lighthouse 12, mobile), as "value ms (score)" per run.
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI": "speed-index",
}


def page_paths(env) -> dict:
    script = (
        "import django, json; django.setup()\n"
        "from masthead.newsroom.models import ArticlePage, Author, SectionPage\n"
        "a = ArticlePage.objects.live().filter(kind='news', language='en').order_by('-first_published_at').first()\n"
        "print(json.dumps({'home': '/', 'article': a.url, 'section': SectionPage.objects.live().first().url,\n"
        "  'author': Author.objects.first().get_absolute_url(), 'search': '/search/?q=' + a.title.split()[-1]}))"
    )
    out = subprocess.run(
        [PYTHON, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "masthead.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def lighthouse(url: str, attempts: int = 2) -> dict:
    """One Lighthouse run (mobile form factor, the default): {category: score 0-100, "lcp": ms, "bytes": n}."""
    run = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={chromium_path()}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0:
        if attempts > 1:  # Lighthouse's own flakes ("NO_NAVSTART": the trace missed the navigation): run it again
            return lighthouse(url, attempts - 1)
        raise RuntimeError(f"Lighthouse failed on {url}: {run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    audits = report["audits"]
    scores["lcp"] = audits["largest-contentful-paint"]["numericValue"]
    scores["bytes"] = audits["total-byte-weight"]["numericValue"]
    scores["metrics"] = {
        short: (round(audits[audit]["numericValue"]), round((audits[audit]["score"] or 0) * 100))
        for short, audit in METRICS.items()
    }
    scores["failing"] = sorted(
        key
        for key, audit in audits.items()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    )
    return scores


def shortfall(category, runs):
    """Where the points went: failing binary audits, and for performance each metric's value and score per run."""
    failing = sorted({audit for run in runs for audit in run["failing"]})
    text = f"failing audits: {', '.join(failing) or 'none'}"
    if category == "performance":
        for name in METRICS:
            values = ", ".join(f"{run['metrics'][name][0]} ({run['metrics'][name][1]})" for run in runs)
            text += f"\n      {name}: {values}"
    return text


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("bench-pages needs Lighthouse: make node_modules")

    env = bench_environment(ROOT / "var" / "bench")
    print("Preparing the demo newsroom (production profile)...")
    manage(env, "setup_newsroom")
    manage(env, "collectstatic", "--noinput")
    paths = page_paths(env)
    port = free_port()
    # Production's gunicorn settings (threads, keep-alive): without keep-alive every stylesheet would pay for a
    # new connection, which Lighthouse's simulated mobile network counts against the first paint.
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "masthead.wsgi", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        cwd=ROOT,
        env={
            **env,
            "MASTHEAD_BASE_URL": f"http://127.0.0.1:{port}",
            "WEB_BIND": f"127.0.0.1:{port}",
            "WEB_WORKERS": "2",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    short = []
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        print(f"Lighthouse {args.runs} run(s) per page, mobile, against gunicorn on {base}\n")
        print(f"{'page':<9} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'LCP ms':>8} {'KB':>7}")
        for name in args.pages:
            runs = [lighthouse(base + paths[name]) for _ in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in [*CATEGORIES, "lcp", "bytes"]}
            scores = " ".join(f"{median[c]:>5.0f}" for c in CATEGORIES)
            print(f"{name:<9} {scores} {median['lcp']:>8.0f} {median['bytes'] / 1024:>7.1f}")
            for category in CATEGORIES:
                if median[category] < 100 and (name, category) not in NOT_HELD:
                    short.append(f"{name} {category} {median[category]:.0f}: {shortfall(category, runs)}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    if short:
        print("\nBelow 100:\n  " + "\n  ".join(short))
    else:
        print("\nEvery page scores 100 in every category held.")


if __name__ == "__main__":
    main()
