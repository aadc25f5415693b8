"""Background work: narrate one article (with retries), and re-check articles after a lexicon change."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from masthead.narration.models import Narration, PronunciationEntry
from masthead.narration.service import narrate, record_failure, request_narration

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
FIRST_RETRY_SECONDS = 60  # then 5 minutes: a failure is usually a full disk or a stopped worker, not the text


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=FIRST_RETRY_SECONDS * 5 ** (attempts - 1))


@task(queue_name="narration")
def narrate_article(article_id: int):
    from masthead.newsroom.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).specific().first()  # a page type says what it narrates
    if article is None:
        return "gone"
    try:
        return narrate(article).status
    except Exception as exc:  # the page must never break; the editor sees the error in the admin
        logger.exception("Narrating article %s failed", article_id)
        narration = Narration.objects.get(article_id=article_id)
        retry_at = None
        if narration.attempts < MAX_ATTEMPTS and narrate_article.get_backend().supports_defer:
            retry_at = timezone.now() + retry_delay(narration.attempts)
            narrate_article.using(run_after=retry_at).enqueue(article_id)
        record_failure(narration, f"{type(exc).__name__}: {exc}", retry_at)
        return "failed"


@task(queue_name="narration")
def recheck_after_lexicon_change():
    """Re-narrate the narrated articles whose spoken text a pronunciation change altered (hashes tell which)."""
    from masthead.newsroom.models import ArticlePage

    lexicon = PronunciationEntry.compiled()
    narrated = Narration.objects.exclude(status=Narration.Status.SKIPPED).values_list("article_id", flat=True)
    queued = 0
    for article in ArticlePage.objects.live().filter(pk__in=list(narrated)).prefetch_related("article_authors__author"):
        queued += request_narration(article, lexicon=lexicon) is not None
    return queued
