"""Narrate articles in bulk: all, one section, or those published since a date, with a progress bar."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date
from tqdm import tqdm

from masthead.narration.engines import get_engine
from masthead.narration.models import Narration
from masthead.narration.service import narrate, narration_paragraphs, record_failure, text_hash
from masthead.newsroom.models import ArticlePage, SectionPage


class Command(BaseCommand):
    help = (
        "Narrate published articles whose audio is missing or out of date, here and now (not in the worker). "
        "Examples: narrate --all; narrate --section news; narrate --since 2026-01-01; narrate --all --force."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="Every published article.")
        which.add_argument("--section", metavar="SLUG", help="Articles in the section with this slug.")
        which.add_argument("--since", metavar="YYYY-MM-DD", help="Articles first published on or after this date.")
        parser.add_argument("--force", action="store_true", help="Narrate again even when the text is unchanged.")
        parser.add_argument("--limit", type=int, default=0, help="Narrate at most this many (newest first).")

    def handle(self, *args, all=False, section=None, since=None, force=False, limit=0, **options):
        articles = (
            ArticlePage.objects.live()
            .prefetch_related("article_authors__author")
            .order_by("-first_published_at", "-pk")
        )
        if section:
            section_page = SectionPage.objects.filter(slug=section).first()
            if section_page is None:
                known = ", ".join(SectionPage.objects.values_list("slug", flat=True)) or "none"
                raise CommandError(f"No section with the slug {section!r} (sections: {known}).")
            articles = articles.child_of(section_page)
        if since:
            day = parse_date(since) if len(since) == 10 else None
            if day is None:
                raise CommandError(f"--since wants a date like 2026-01-31, not {since!r}.")
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            articles = articles.filter(first_published_at__gte=start)
        articles = list(articles[:limit] if limit else articles)
        todo = [article for article in articles if force or self.needs_narration(article)]
        self.stdout.write(f"{len(todo)} of {len(articles)} articles need narrating.")
        counts = {status: 0 for status in Narration.Status.values}
        with tqdm(todo, unit="article", disable=not todo, file=self.stderr._out) as progress:
            for article in progress:
                progress.set_postfix_str(article.title[:40])
                try:
                    counts[narrate(article).status] += 1
                except Exception as exc:  # one bad article does not stop the rest
                    record_failure(Narration.objects.get(article=article), f"{type(exc).__name__}: {exc}")
                    counts["failed"] += 1
                    progress.write(f"Failed: {article.title}: {exc}")
        self.stdout.write(", ".join(f"{count} {status}" for status, count in counts.items()))

    def needs_narration(self, article):
        narration, engine = Narration.objects.filter(article=article).first(), get_engine()
        if narration is None:
            return True
        if narration.status == Narration.Status.SKIPPED:
            return engine.can_read(article.language)  # its language may have been corrected since
        if narration.status != Narration.Status.READY:
            return True
        return narration.text_hash != text_hash(narration_paragraphs(article), engine)
