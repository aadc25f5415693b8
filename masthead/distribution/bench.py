"""`make bench-distribution`: reader pages, feeds, sitemaps and search on the demo and at 100,000 articles.

Two PostgreSQL databases, each served by its own Django process (production profile, ``MASTHEAD_PAGE_MEMORY_ENTRIES=0``
so every request renders; routes, page objects and fragments cached as in production, the publish version in
Redis when ``BENCH_REDIS_URL`` is set):

- ``BENCH_DEMO_DATABASE_URL`` (default ``masthead_bench_distribution_demo``): the demo newsroom;
- ``BENCH_DATABASE_URL`` (default ``masthead_bench_distribution``): the demo newsroom plus the newsroom's bulk
  generator up to ``BENCH_ARTICLES`` (100,000) articles and the newsletters' up to ``BENCH_SUBSCRIBERS``
  (1,000,000) subscribers.

Each is created and filled only as far as it is missing (progress bars), indexed, vacuumed. Then the same requests
go to both, interleaved, through Django's full stack (no HTTP cache in front), twice over:

- warm: as readers see them between publications (the fragments cached by an earlier request);
- cold: the first request after a publication (the publish version is moved before each one).

Printed: p50 per request on both, the ratio (target <= 1.5x), PASS/FAIL; the sitemap index (warm, target < 50 ms)
and the first article sitemap's time to first byte (target < 200 ms at 50,000 URLs) at 100,000; then search p95
(target < 100 ms) against a LIKE-scan baseline, and the whole sitemap.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masthead_bench_distribution")
DEMO_URL = os.environ.get(
    "BENCH_DEMO_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masthead_bench_distribution_demo"
)
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "1000000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
# Comma-separated request labels to run (their starts, e.g. "search,news sitemap"); empty: every request, and
# the search p95 and whole-sitemap reports after them.
ONLY = [label.strip() for label in os.environ.get("BENCH_ONLY", "").split(",") if label.strip()]
QUERIES = [
    "flood",
    "council budget",
    "election",
    "rail strike",
    "housing rent",
    "climate",
    "hospital nurse",
    "police trial",
    "energy price",
    "school teacher",
    "harbour ship",
    "wildfire forest",
    "tax reform",
    "football match",
    "museum",
    "vaccine study",
    "airport runway noise",
    '"bus road"',
    "mayor city",
    "pension",
]
# BENCH_SEARCH_QUERIES="a|b|c" searches for these instead (e.g. words only the demo's articles hold: the same
# results on both databases, so the ratio is what 100,000 articles cost, not ten result rows against two).
QUERIES = [q for q in os.environ.get("BENCH_SEARCH_QUERIES", "").split("|") if q.strip()] or QUERIES
# Words only the demo's articles hold: 1-5 results, the same on both databases (the report checks it). The ratio of
# this row is what 100,000 articles cost a search; the row above also renders ten result rows at 100,000 where the
# demo shows none to ten.
DEMO_WORDS = (
    "bookshop herring glacier measles cinemas ferry pandemic tariff eurozone wastewater sleeper chatbots translators "
    "batteries stalemate"
).split()
REPEATS = 3
RATIO_TARGET = 1.5
DEEP_PAGE = 1000
INDEX_TARGET_MS, FIRST_BYTE_TARGET_MS = 50, 200


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def load():
    return ", ".join(f"{figure:.2f}" for figure in os.getloadavg())


# --- The worker: one Django process over one database, answering the parent's requests (JSON lines).


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def fill(articles, subscribers):
    """The demo newsroom, then generated articles and subscribers up to the counts asked; only what is missing."""
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm
    from wagtail.search.models import IndexEntry

    from masthead.newsletters.bulk import generate_subscribers
    from masthead.newsletters.models import Newsletter, Subscription
    from masthead.newsroom.bulk import generate_articles
    from masthead.newsroom.demo.load import demo_exists, load_demo
    from masthead.newsroom.models import ArticlePage
    from masthead.search.tasks import index_articles_in_bulk

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    changed = False
    if not demo_exists():
        load_demo()
        changed = True
    have = ArticlePage.objects.count()
    if have < articles:
        with tqdm(total=articles - have, unit="article", desc="Generating", file=sys.stderr) as bar:
            generate_articles(articles - have, seed=have, progress=bar.update)
        changed = True
    articles_indexed = ArticlePage.objects.exact_type(ArticlePage).count()  # a live page is not an article here
    if IndexEntry.objects.filter(content_type__model="articlepage").count() < articles_indexed:
        with tqdm(total=articles_indexed, unit="article", desc="Indexing", file=sys.stderr) as bar:
            index_articles_in_bulk(progress=bar.update)
        changed = True
    if subscribers:
        newsletter, _ = Newsletter.objects.get_or_create(
            slug="bench-readers",
            defaults={"name": "Bench Readers", "sender_name": "Bench", "sender_email": "bench@news.example"},
        )
        have = Subscription.objects.filter(newsletter=newsletter).count()
        if have < subscribers:
            with tqdm(total=subscribers - have, unit="subscriber", desc="Subscribers", file=sys.stderr) as bar:
                generate_subscribers(newsletter, subscribers - have, start=have, progress=bar.update)
            changed = True
    if changed:
        with connection.cursor() as cursor:
            # What autovacuum does on a live server (and may not have done yet here): without it, the index entries
            # rewritten by bulk indexing leave dead rows every search wades through.
            cursor.execute("VACUUM ANALYZE")


def describe():
    """What the parent asks for: sizes, the article, the section and its deepest page, the busiest tag."""
    from django.db.models import Count
    from taggit.models import Tag

    from masthead.newsletters.models import Subscription
    from masthead.newsroom.models import ARTICLES_PER_PAGE, ArticlePage, SectionPage

    article = ArticlePage.objects.live().filter(slug__startswith="bulk-").exists()
    demo_article = ArticlePage.objects.live().exclude(slug__startswith="bulk-").order_by("-first_published_at").first()
    section = SectionPage.objects.live().get(slug="news")
    in_section = ArticlePage.objects.child_of(section).live().count()
    tag = Tag.objects.annotate(n=Count("newsroom_articletag_items")).order_by("-n", "slug").first()
    return {
        "articles": ArticlePage.objects.live().count(),
        "generated": article,
        "subscribers": Subscription.objects.count(),
        "article": demo_article.url,
        "section": section.url,
        "deepest_page": min(DEEP_PAGE, max(1, -(-in_section // ARTICLES_PER_PAGE))),
        "tag": tag.slug,
        "tag_articles": tag.n,
    }


def timed_get(client, path, cold):
    """Milliseconds to the first byte and to the last; ``cold``: as the first request after a publication."""
    from masthead.newsroom.publish_version import invalidate_lists

    if cold:
        invalidate_lists()
    start = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    if response.streaming:
        chunks = iter(response.streaming_content)
        body = [next(chunks, b"")]
        first = (time.perf_counter() - start) * 1000
        body.extend(chunks)
    else:
        body = [response.content]
        first = None
    last = (time.perf_counter() - start) * 1000
    # After the clock stops: for the cost per sitemap URL, and the search results shown.
    urls = sum(chunk.count(b"<url>") for chunk in body)
    results = sum(chunk.count(b'class="search-result"') for chunk in body)
    return {
        "first": first if first is not None else last,
        "last": last,
        "bytes": sum(map(len, body)),
        "urls": urls,
        "results": results,
    }


def like_scan(query):
    """The naive search a newsroom might write: LIKE over headline and standfirst, newest ten."""
    from django.db.models import Q

    from masthead.newsroom.models import ArticlePage

    condition = Q()
    for word in query.strip('"').split():
        condition &= Q(title__icontains=word) | Q(standfirst__icontains=word)
    start = time.perf_counter()
    list(ArticlePage.objects.live().filter(condition).order_by("-first_published_at").values_list("pk", flat=True)[:10])
    return (time.perf_counter() - start) * 1000


def whole_sitemap(client):
    """The index and every child page it lists: (URLs, seconds)."""
    from lxml import etree

    start = time.perf_counter()
    index = etree.fromstring(client.get("/sitemap.xml").content)
    urls = 0
    for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        path = loc.text.split("://", 1)[1]
        response = client.get(path[path.index("/") :])
        body = b"".join(response.streaming_content) if response.streaming else response.content
        urls += body.count(b"<url>")
    return {"urls": urls, "seconds": time.perf_counter() - start}


def worker(articles, subscribers):
    import django

    django.setup()
    from django.test import Client

    fill(articles, subscribers)
    client = Client(HTTP_HOST="localhost")
    answer = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write on the answer channel
    for line in sys.stdin:
        ask = json.loads(line)
        if ask["op"] == "describe":
            result = describe()
        elif ask["op"] == "get":
            result = timed_get(client, ask["path"], ask["cold"])
        elif ask["op"] == "like":
            result = like_scan(ask["query"])
        else:
            result = whole_sitemap(client)
        answer.write(json.dumps(result) + "\n")
        answer.flush()


# --- The parent: both workers, the same requests, interleaved.


def worker_environment(url, name):
    from masthead.newsroom.bench import bench_environment

    env = bench_environment(ROOT / "var" / "bench-distribution" / name)
    env.update(
        DATABASE_URL=url,
        ALLOWED_HOSTS="localhost",
        MASTHEAD_PAGE_MEMORY_ENTRIES="0",  # every request renders (from the fragments, as in production)
        MASTHEAD_NARRATION_DEMO_ARTICLES="0",
        CACHE_KEY_PREFIX=f"bench-distribution-{name}",
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", ""),
        DJANGO_SETTINGS_MODULE="masthead.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


class Worker:
    def __init__(self, name, url, articles, subscribers):
        ensure_database(url)
        (ROOT / "var" / "bench-distribution" / name).mkdir(parents=True, exist_ok=True)
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "masthead.distribution.bench", "--worker", str(articles), str(subscribers)],
            cwd=ROOT,
            env=worker_environment(url, name),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, op, **params):
        self.process.stdin.write(json.dumps({"op": op, **params}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"the {self.name} worker stopped (see above)")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def requests_for(info):
    """(label, path per request) for a worker; the deep section page is page 1,000, or the demo's last."""
    requests = [
        ("article", [info["article"]]),
        ("home", ["/"]),
        ("section page 1", [info["section"]]),
        (f"section page {DEEP_PAGE} (demo: last)", [f"{info['section']}?page={info['deepest_page']}"]),
        ("tag page (busiest tag)", [f"/tags/{info['tag']}/"]),
        (f"search ({len(QUERIES)} queries)", ["/search/?" + _qs(q) for q in QUERIES]),
        (f"search, demo's words ({len(DEMO_WORDS)})", ["/search/?" + _qs(q) for q in DEMO_WORDS]),
        ("RSS feed", ["/feeds/rss/"]),
        ("news sitemap", ["/news-sitemap.xml"]),
        ("sitemap index", ["/sitemap.xml"]),
        ("article sitemap p1", ["/sitemap-articles.xml"]),
    ]
    return [(label, paths) for label, paths in requests if not ONLY or label.startswith(tuple(ONLY))]


def side_by_side(workers, infos, rounds):
    """{(label, cold): {worker name: [samples]}}, each request asked of each worker in turn, order alternating."""
    plans = {w.name: requests_for(infos[w.name]) for w in workers}
    samples = {}
    for w in workers:  # warm-up: connections, templates, fragments
        for _label, paths in plans[w.name]:
            for path in paths:
                w.ask("get", path=path, cold=False)
    # Every warm round before the cold ones: a cold request moves the publish version, so nothing would stay warm.
    for cold, number in [(cold, number) for cold in (False, True) for number in range(rounds)]:
        order = workers if number % 2 == 0 else workers[::-1]
        for position in range(len(plans[workers[0].name])):
            label = plans[workers[0].name][position][0]  # the deep page's path differs, not its label
            for w in order:
                for path in plans[w.name][position][1]:
                    samples.setdefault((label, cold), {}).setdefault(w.name, []).append(
                        w.ask("get", path=path, cold=cold)
                    )
    return samples


def report(samples, demo, big):
    ok = True
    print(f"\n{'request':34} {'':5} {'demo p50':>9} {'100k p50':>9} {'ratio':>6}  verdict")
    for (label, cold), by_worker in samples.items():
        if label == "article sitemap p1":
            continue
        a = statistics.median(s["last"] for s in by_worker[demo])
        b = statistics.median(s["last"] for s in by_worker[big])
        if label == "sitemap index":
            verdict = "" if cold else ("PASS" if b < INDEX_TARGET_MS else "FAIL") + f" (< {INDEX_TARGET_MS} ms)"
            ok &= cold or b < INDEX_TARGET_MS
        else:
            verdict = "PASS" if b / a <= RATIO_TARGET else "FAIL"
            ok &= b / a <= RATIO_TARGET
        print(f"{label:34} {'cold' if cold else 'warm':5} {a:8.1f}  {b:8.1f}  {b / a:5.2f}x  {verdict}")
        if label.startswith("search"):
            shown_a, shown_b = (sum(s["results"] for s in by_worker[name]) for name in (demo, big))
            print(
                f"{'':34} {'':5} results shown per query: {shown_a / len(by_worker[demo]):.1f} and "
                f"{shown_b / len(by_worker[big]):.1f}"
            )
        if label == "news sitemap":
            urls_a, urls_b = by_worker[demo][0]["urls"], by_worker[big][0]["urls"]
            print(
                f"{'':34} {'':5} {urls_a:5d} URLs, {urls_b:5d} URLs: {1000 * a / max(1, urls_a):.0f} and "
                f"{1000 * b / max(1, urls_b):.0f} us per URL"
            )
    for cold in (False, True) if ("article sitemap p1", False) in samples else ():
        streamed = samples[("article sitemap p1", cold)]
        first = statistics.median(s["first"] for s in streamed[big])
        demo_first = statistics.median(s["first"] for s in streamed[demo])
        last = statistics.median(s["last"] for s in streamed[big])
        size = streamed[big][0]["bytes"]
        verdict = "PASS" if first < FIRST_BYTE_TARGET_MS else "FAIL"
        ok &= first < FIRST_BYTE_TARGET_MS
        print(
            f"article sitemap p1 at 100k, {'cold' if cold else 'warm'}: first byte {first:.0f} ms "
            f"(target < {FIRST_BYTE_TARGET_MS} ms) {verdict}, last byte {last:.0f} ms, {size / 1e6:.1f} MB; "
            f"demo first byte {demo_first:.0f} ms"
        )
    return ok


def search_report(workers):
    big = workers[-1]
    ranked = [big.ask("get", path="/search/?" + _qs(q), cold=False)["last"] for q in QUERIES for _ in range(REPEATS)]
    newest = [
        big.ask("get", path="/search/?" + _qs(q, sort="newest"), cold=False)["last"]
        for q in QUERIES
        for _ in range(REPEATS)
    ]
    like = [big.ask("like", query=q) for q in QUERIES for _ in range(REPEATS)]
    p50, p95 = statistics.median(ranked), percentile(ranked, 0.95)
    print(
        f"\nsearch at 100k, {len(QUERIES)} queries x{REPEATS}: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        "(target p95 < 100 ms) "
        f"{'PASS' if p95 < 100 else 'FAIL'}; newest first p50 {statistics.median(newest):.1f} ms, "
        f"p95 {percentile(newest, 0.95):.1f} ms; LIKE scan of headline+standfirst (query only) "
        f"p50 {statistics.median(like):.1f} ms"
    )
    whole = big.ask("whole_sitemap")
    print(f"full sitemap at 100k (index + every child page): {whole['urls']} URLs in {whole['seconds']:.2f} s")
    return p95 < 100


def main():
    print(f"load average before filling: {load()}", file=sys.stderr)
    workers = [Worker("demo", DEMO_URL, 0, 0), Worker("100k", BENCH_URL, ARTICLES, SUBSCRIBERS)]
    try:
        infos = {w.name: w.ask("describe") for w in workers}
        for w in workers:
            info = infos[w.name]
            print(
                f"{w.name}: {info['articles']} live articles, {info['subscribers']} subscriptions; "
                f"section {info['section']} to page {info['deepest_page']}; tag {info['tag']} "
                f"({info['tag_articles']} articles)"
            )
        print(
            f"PostgreSQL, production profile, page memory off (MASTHEAD_PAGE_MEMORY_ENTRIES=0), fragment caches on, "
            f"publish version in {'Redis' if os.environ.get('BENCH_REDIS_URL') else 'local memory'}; "
            f"{ROUNDS} rounds, each request alternately on both; load average {load()}"
        )
        ok = report(side_by_side(workers, infos, ROUNDS), "demo", "100k")
        if not ONLY:
            ok &= search_report(workers)
        print(f"load average after: {load()}")
        print("RESULT:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        for w in workers:
            w.close()


def _qs(query, **params):
    from urllib.parse import urlencode

    return urlencode({"q": query, **params})


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        sys.exit(worker(int(sys.argv[2]), int(sys.argv[3])))
    sys.exit(main())
