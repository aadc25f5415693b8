"""What import_ghost and import_wordpress share: the options, the run, the summary and the one-line errors."""

from django.core.management.base import CommandError

from masthead.imports.errors import ExportError
from masthead.imports.importer import run_import


def add_common_arguments(parser):
    parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
    parser.add_argument(
        "--section-map",
        action="append",
        default=[],
        metavar="TAG=SECTION",
        help="File articles whose primary tag (or category) is TAG under SECTION; repeatable.",
    )
    parser.add_argument("--default-section", help="The section for articles no tag maps to (created if missing).")
    parser.add_argument("--narrate", action="store_true", help="Queue narration of the imported live articles.")
    parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
    parser.add_argument(
        "--fetch-images",
        action="store_true",
        help="Download images missing from the local folder from the old site (10 s timeout, 25 MB at most each).",
    )


def section_map(pairs) -> dict:
    mapping = {}
    for pair in pairs:
        tag, sep, section = pair.partition("=")
        if not sep or not tag.strip() or not section.strip():
            raise CommandError(f"--section-map takes TAG=SECTION, not {pair!r}.")
        mapping[tag.strip()] = section.strip()
    return mapping


def run(command, make_parser, *, images_dir, options):
    """Build the parser (bad input stops here, before anything is written), import, print the summary."""
    mapping = section_map(options["section_map"])
    try:
        parser = make_parser()
        bar_stream = None if options["no_progress"] else command.stderr._out
        result = run_import(
            parser,
            images_dir=images_dir,
            dry_run=options["dry_run"],
            section_map=mapping,
            default_section=options["default_section"],
            narrate=options["narrate"],
            stdout=bar_stream,
            fetch_images=options["fetch_images"],
        )
    except ExportError as exc:
        raise CommandError(str(exc)) from exc
    write_summary(command, result)
    return result


def write_summary(command, result):
    heading = "Dry run (nothing written)" if result.dry_run else f"Import #{result.pk} {result.get_status_display()}"
    command.stdout.write(f"{heading}: {result.done} post(s) read from {result.source}")
    command.stdout.write(f"{'kind':<16}{'created':>9}{'updated':>9}{'unchanged':>11}{'skipped':>9}")
    for kind, created, updated, unchanged, skipped in result.summary_rows():
        command.stdout.write(f"{kind:<16}{created:>9}{updated:>9}{unchanged:>11}{skipped:>9}")
    warnings = result.collected_warnings
    by_kind = {}
    for warning in warnings:
        by_kind[warning.kind] = by_kind.get(warning.kind, 0) + 1
    if by_kind:
        command.stdout.write("Warnings: " + ", ".join(f"{kind} {count}" for kind, count in sorted(by_kind.items())))
    for warning in warnings:
        command.stdout.write(f"  [{warning.kind}] {warning.title or warning.source_id}: {warning.message}")
