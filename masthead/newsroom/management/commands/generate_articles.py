"""Fill the database with generated published articles, fast (see masthead/newsroom/bulk.py)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from masthead.newsroom.bulk import generate_articles


class Command(BaseCommand):
    help = "Generate COUNT published articles in bulk (benchmarks, performance work). Adds to what is there."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--index", action="store_true", help="Also add the new articles to the search index.")

    def handle(self, *args, count, seed, batch_size, index, **options):
        if count < 1:
            self.stderr.write("COUNT must be at least 1.")
            return
        with tqdm(total=count, unit="article", desc="Generating") as bar:
            ids = generate_articles(count, seed=seed, batch_size=batch_size, progress=bar.update)
        if index:
            from masthead.search.tasks import index_articles_in_bulk

            with tqdm(total=len(ids), unit="article", desc="Indexing") as bar:
                index_articles_in_bulk(ids, progress=bar.update)
        self.stdout.write(f"{len(ids)} articles published.")
