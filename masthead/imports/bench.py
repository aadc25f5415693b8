"""``make bench-import``: a generated Ghost export imported into SQLite and PostgreSQL, then again unchanged.

Targets (issue 12, on a 2-core machine): 10,000 posts with images, 200 authors and 2,000 tags in under 10 minutes
per database, peak memory under 500 MB, and a second run with nothing changed in under 2 minutes. Each import runs
in its own process (so its peak memory is its own) on a fresh database: SQLite under a temporary folder, and
PostgreSQL in DATABASE_URL's database (default: this helper's ``imports`` database, its schema emptied first).

    BENCH_IMPORT_POSTS=10000 BENCH_IMPORT_AUTHORS=200 BENCH_IMPORT_TAGS=2000 python -m masthead.imports.bench
    BENCH_IMPORT_DATABASES=sqlite (or postgresql) runs one of the two.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[2]
POSTS = int(os.environ.get("BENCH_IMPORT_POSTS", 10_000))
AUTHORS = int(os.environ.get("BENCH_IMPORT_AUTHORS", 200))
TAGS = int(os.environ.get("BENCH_IMPORT_TAGS", 2_000))
POSTGRES_URL = os.environ.get("BENCH_IMPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/imports")
DATABASES = os.environ.get("BENCH_IMPORT_DATABASES", "sqlite,postgresql").split(",")
WORDS = "harbour council market river school library bus storm water road budget festival park bridge".split()


def generate_export(folder: Path, posts=POSTS, authors=AUTHORS, tags=TAGS, seed=0) -> tuple[Path, Path]:
    """A Ghost 5 export written as a stream (posts one by one), with one small JPEG per post in content/images."""
    from PIL import Image

    rng = random.Random(seed)
    images = folder / "content" / "images"
    (images / "2026" / "11").mkdir(parents=True, exist_ok=True)
    export = folder / "export.json"
    users = [
        {
            "id": f"u{n}",
            "name": f"Reporter {n}",
            "slug": f"reporter-{n}",
            "email": f"r{n}@example.org",
            "bio": "Covers the town.",
            "website": None,
            "twitter": f"@r{n}",
            "profile_image": None,
        }
        for n in range(authors)
    ]
    tag_rows = [
        {"id": f"t{n}", "name": f"Topic {n}", "slug": f"topic-{n}", "visibility": "public"} for n in range(tags)
    ]
    with export.open("w") as out:
        out.write('{"db": [{"meta": {"exported_on": 1, "version": "5.130.6"}, "data": {')
        out.write(f'"users": {json.dumps(users)}, "tags": {json.dumps(tag_rows)}, "newsletters": [], "settings": [],')
        meta, authors_rows, tags_rows = [], [], []
        out.write('"posts": [')
        for n in range(posts):
            colour = tuple(rng.randrange(256) for _ in range(3))
            Image.new("RGB", (64, 36), colour).save(images / "2026" / "11" / f"p{n}.jpg", quality=70)
            paragraphs = "".join(
                "<p>" + " ".join(rng.choices(WORDS, k=rng.randint(30, 60))) + ".</p>" for _ in range(rng.randint(4, 8))
            )
            link = f'<p>See <a href="__GHOST_URL__/story-{n - 1}/">the earlier story</a>.</p>' if n else ""
            post = {
                "id": f"p{n}",
                "type": "post",
                "status": "published",
                "visibility": "public",
                "slug": f"story-{n}",
                "title": f"Story {n}: " + " ".join(rng.choices(WORDS, k=6)),
                "html": paragraphs + link,
                "lexical": None,
                "mobiledoc": None,
                "custom_excerpt": "A short summary of the story.",
                "feature_image": f"__GHOST_URL__/content/images/2026/11/p{n}.jpg",
                "canonical_url": None,
                "published_at": f"2026-{1 + n % 11:02d}-{1 + n % 28:02d} 08:00:00",
                "updated_at": None,
            }
            out.write(("," if n else "") + json.dumps(post))
            caption = {"feature_image_alt": f"Picture {n}", "feature_image_caption": f"Photo {n}"}
            meta.append({"post_id": f"p{n}", **caption})
            for order, user in enumerate(rng.sample(range(authors), rng.choice((1, 1, 2)))):
                authors_rows.append({"post_id": f"p{n}", "author_id": f"u{user}", "sort_order": order})
            for order, tag in enumerate(rng.sample(range(tags), 3)):
                tags_rows.append({"post_id": f"p{n}", "tag_id": f"t{tag}", "sort_order": order})
        out.write(f'], "posts_meta": {json.dumps(meta)}, "posts_authors": {json.dumps(authors_rows)},')
        out.write(f' "posts_tags": {json.dumps(tags_rows)}}}}}]}}')
    return export, images


def child(export, images):
    """In the measured process: import once and print the figures as JSON."""
    import resource

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    django.setup()
    from masthead.imports.ghost import GhostParser
    from masthead.imports.importer import run_import

    started, cpu_started = time.perf_counter(), time.process_time()
    run = run_import(GhostParser(export, images_dir=images), images_dir=images)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb, "load": load, "summary": run.summary}))


def _run(env, *args, timeout=3600):
    result = subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        raise SystemExit(f"{' '.join(args[:3])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _fresh_postgres(url):
    """An empty database at ``url``, created on a fresh machine."""
    import psycopg
    from psycopg import sql

    url = url.replace("postgres://", "postgresql://")
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def bench_database(label, env, export, images):
    _run(env, "manage.py", "migrate", "-v0")
    figures = []
    for attempt in ("first", "again"):
        out = _run(env, "-m", "masthead.imports.bench", "--child", str(export), str(images))
        result = json.loads(out.strip().splitlines()[-1])
        result["attempt"] = attempt
        figures.append(result)
    first, again = figures
    articles = first["summary"].get("article", {}).get("created", 0)
    print(
        f"{label:<11} {articles} posts in {first['seconds']:7.1f} s  {articles / first['seconds']:6.1f} articles/s  "
        f"CPU {first['cpu'] / max(articles, 1) * 1000:5.1f} ms/article  peak {first['peak_mb']:6.0f} MB  "
        f"(load {first['load']:.1f}) | no-change re-run {again['seconds']:6.1f} s, CPU {again['cpu']:.1f} s "
        f"(peak {again['peak_mb']:.0f} MB, load {again['load']:.1f})",
        flush=True,
    )
    unchanged = again["summary"].get("article", {}).get("unchanged", 0)
    if unchanged != articles:
        raise SystemExit(f"{label}: the re-run changed something: {again['summary']}")
    return figures


def main():
    if sys.argv[1:2] == ["--child"]:
        return child(sys.argv[2], sys.argv[3])
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        export, images = generate_export(tmp / "ghost")
        size_mb = export.stat().st_size / 1e6
        print(
            f"Generated a Ghost export: {POSTS} posts with images, {AUTHORS} authors, {TAGS} tags "
            f"({size_mb:.1f} MB) in {time.perf_counter() - started:.1f} s"
        )
        base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        sqlite_env = {**base, "MASTHEAD_VAR_DIR": str(tmp / "var-sqlite"), "MEDIA_ROOT": str(tmp / "media-sqlite")}
        if "sqlite" in DATABASES:
            bench_database("SQLite", sqlite_env, export, images)
        if "postgresql" not in DATABASES:
            return
        _fresh_postgres(POSTGRES_URL)
        pg_env = {
            **base,
            "DATABASE_URL": POSTGRES_URL,
            "MASTHEAD_VAR_DIR": str(tmp / "var-pg"),
            "MEDIA_ROOT": str(tmp / "media-pg"),
        }
        bench_database("PostgreSQL", pg_env, export, images)
        _fresh_postgres(POSTGRES_URL)  # leave the database empty again


if __name__ == "__main__":
    main()
