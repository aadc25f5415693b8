"""Import a WordPress site: its WXR export (Tools → Export → All content) and its wp-content/uploads folder."""

import os

from django.core.management.base import BaseCommand
from tqdm import tqdm

from masthead.imports.management.commands._importing import add_common_arguments, run
from masthead.imports.wordpress import WordPressExport


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content): posts, pages, drafts and scheduled posts, "
        "authors, categories (as sections), tags, featured and inline images, and every old address as a redirect. "
        "Running it again updates what changed and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export's .xml file (WXR).")
        parser.add_argument("--uploads", help="WordPress's wp-content/uploads folder (copied from the old server).")
        add_common_arguments(parser)

    def handle(self, *args, export, uploads, **options):
        def make_parser():
            # The whole file is checked before anything is written: a bar for that first read, in bytes.
            size = os.path.getsize(export) if os.path.isfile(export) else None
            bar = tqdm(
                total=size,
                unit="B",
                unit_scale=True,
                desc="Checking export",
                file=self.stderr._out,
                disable=options["no_progress"] or not size,
            )
            with bar:
                return WordPressExport(export, uploads_dir=uploads, progress=bar.update)

        run(self, make_parser, images_dir=uploads, options=options)
