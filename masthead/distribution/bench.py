"""`make bench-distribution`: feeds, sitemaps and search at 100,000 articles on PostgreSQL.

Fills ``BENCH_DATABASE_URL`` (default: a ``masthead_bench_distribution`` database on the local PostgreSQL,
created if missing) up to ``BENCH_ARTICLES`` articles (default 100,000) with the newsroom's bulk generator,
indexes them, then times each request through Django's full stack (no HTTP cache in front):

- search: p50/p95 over 20 typical queries (target p95 < 100 ms), against a LIKE-scan baseline; the same
  queries newest first;
- site RSS feed and Google News sitemap (target < 50 ms each);
- the whole sitemap index: the index plus every child sitemap page.
"""

import os
import statistics
import sys
import time

BENCH_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/masthead_bench_distribution")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
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
REPEATS = 3


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def timed(function, repeats):
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    ensure_database(BENCH_URL)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Q
    from django.test import Client
    from tqdm import tqdm
    from wagtail.search.models import IndexEntry

    from masthead.newsroom.bulk import generate_articles
    from masthead.newsroom.models import ArticlePage
    from masthead.search.tasks import index_articles_in_bulk

    call_command("migrate", verbosity=0)
    have = ArticlePage.objects.count()
    if have < ARTICLES:
        with tqdm(total=ARTICLES - have, unit="article", desc="Generating") as bar:
            start = time.perf_counter()
            generate_articles(ARTICLES - have, seed=have, progress=bar.update)
        print(f"generated {ARTICLES - have} articles in {time.perf_counter() - start:.1f} s")
    indexed = IndexEntry.objects.filter(content_type__model="articlepage").count()
    total = ArticlePage.objects.count()
    if indexed < total:
        with tqdm(total=total, unit="article", desc="Indexing") as bar:
            start = time.perf_counter()
            index_articles_in_bulk(progress=bar.update)
        print(f"indexed {total} articles in {time.perf_counter() - start:.1f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        # What autovacuum does on a live server (and may not have done yet here): without it, the index entries
        # rewritten by bulk indexing (and by search migration 0002) leave dead rows every search wades through.
        cursor.execute("VACUUM ANALYZE")

    client = Client()

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    print(f"\nMasthead distribution benchmark: {total} live articles, PostgreSQL")
    # warm up connections, templates and the sections cache
    for url in ["/feeds/rss/", "/news-sitemap.xml", "/search/?q=flood"]:
        get(url)

    search_samples, newest_samples = [], []
    for query in QUERIES:
        search_samples += timed(lambda q=query: get("/search/?" + _qs(q)), REPEATS)
    for query in QUERIES:
        newest_samples += timed(lambda q=query: get("/search/?" + _qs(q, sort="newest")), REPEATS)
    like_samples = []
    for query in QUERIES:
        words = query.strip('"').split()
        condition = Q()
        for word in words:
            condition &= Q(title__icontains=word) | Q(standfirst__icontains=word)
        like_samples += timed(
            lambda c=condition: list(
                ArticlePage.objects.live().filter(c).order_by("-first_published_at").values_list("pk", flat=True)[:10]
            ),
            REPEATS,
        )
    rss = timed(lambda: get("/feeds/rss/"), 15)
    news = timed(lambda: get("/news-sitemap.xml"), 15)

    def body(response):
        return b"".join(response.streaming_content) if response.streaming else response.content

    def whole_sitemap():
        from lxml import etree

        index = etree.fromstring(get("/sitemap.xml").content)
        urls = 0
        for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            path = loc.text.split("://", 1)[1]
            urls += body(get(path[path.index("/") :])).count(b"<url>")
        return urls

    def first_and_last_byte(url):
        start = time.perf_counter()
        chunks = iter(get(url).streaming_content)
        next(chunks)
        first = (time.perf_counter() - start) * 1000
        for _ in chunks:
            pass
        return first, (time.perf_counter() - start) * 1000

    index_ms = timed(lambda: get("/sitemap.xml"), 15)
    streamed = [first_and_last_byte("/sitemap-articles.xml") for _ in range(5)]

    start = time.perf_counter()
    url_count = whole_sitemap()
    sitemap_seconds = time.perf_counter() - start

    p50, p95 = statistics.median(search_samples), percentile(search_samples, 0.95)
    like50 = statistics.median(like_samples)
    print(
        f"search page, 20 queries x{REPEATS}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 < 100 ms) "
        f"{'OK' if p95 < 100 else 'MISSED'}"
    )
    print(
        f"  newest first (sort=newest), same queries: p50 {statistics.median(newest_samples):.1f} ms, "
        f"p95 {percentile(newest_samples, 0.95):.1f} ms"
    )
    print(
        f"  baseline LIKE scan of headline+standfirst (query only, no page): p50 {like50:.1f} ms; "
        f"full-text page / LIKE query = {p50 / like50:.2f}x"
    )
    print(
        f"site RSS feed: median {statistics.median(rss):.1f} ms, p95 {percentile(rss, 0.95):.1f} ms "
        f"(target < 50 ms) {'OK' if statistics.median(rss) < 50 else 'MISSED'}"
    )
    print(
        f"news sitemap: median {statistics.median(news):.1f} ms, p95 {percentile(news, 0.95):.1f} ms "
        f"(target < 50 ms) {'OK' if statistics.median(news) < 50 else 'MISSED'}"
    )
    ttfb, whole = statistics.median(t for t, _ in streamed), statistics.median(w for _, w in streamed)
    print(
        f"sitemap index (warm): median {statistics.median(index_ms):.1f} ms (target < 50 ms) "
        f"{'OK' if statistics.median(index_ms) < 50 else 'MISSED'}"
    )
    print(
        f"articles sitemap page 1, streamed: first byte {ttfb:.0f} ms (target < 200 ms) "
        f"{'OK' if ttfb < 200 else 'MISSED'}, last byte {whole:.0f} ms"
    )
    print(f"full sitemap (index + every child page): {url_count} URLs in {sitemap_seconds:.2f} s")
    return 0


def _qs(query, **params):
    from urllib.parse import urlencode

    return urlencode({"q": query, **params})


if __name__ == "__main__":
    sys.exit(main())
