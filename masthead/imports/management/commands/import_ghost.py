"""Import a Ghost site: its JSON export, its content/images folder and its members CSV."""

from django.core.management.base import BaseCommand, CommandError

from masthead.imports.ghost import GhostParser
from masthead.imports.management.commands._importing import add_common_arguments, run


class Command(BaseCommand):
    help = (
        "Import a Ghost export (Settings → Labs → Export): posts, pages, authors, tags, newsletters, members and "
        "every old address as a redirect. Running it again updates what changed and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export's .json file.")
        parser.add_argument("--images", help="Ghost's content/images folder (copied from the old server).")
        parser.add_argument("--members", help="The members CSV (Members → Export).")
        parser.add_argument("--old-url", default="", help="The old site's address, e.g. https://news.example.org.")
        add_common_arguments(parser)

    def handle(self, *args, export, images, members, old_url, **options):
        if options["fetch_images"] and not old_url.startswith(("http://", "https://")):
            # Ghost writes its own address as __GHOST_URL__ and the export does not say what it was
            raise CommandError("--fetch-images needs the old site's address: add --old-url https://your.old.site")

        def make_parser():
            return GhostParser(export, images_dir=images, members_csv=members, old_base_url=old_url)

        run(self, make_parser, images_dir=images, options=options)
