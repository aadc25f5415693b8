"""Purges: once at publication (milliseconds against a healthy proxy), then in the background, with retries, for
whatever the cache refused, so a stopped proxy never blocks publishing for more than one short timeout."""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import get_backends

from masthead.caching.backends import PurgeFailed

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> timedelta:
    """1, 2, 4, 8 … seconds: a cache restarting is back within seconds; readers meanwhile get the short TTL."""
    return timedelta(seconds=2 ** (attempt - 1))


def purge_now_or_queue(urls: list[str]):
    """Purge at once from the publishing process, so the page shows within a second whatever the workers are busy
    with (a narration can hold both for minutes); what the cache refuses goes to the queue, with retries."""
    if failed := purge(urls, attempt=0):
        purge_urls.enqueue(sorted(failed))


@task()
def purge_urls(urls: list[str], attempt: int = 1):
    """Purge ``urls`` from every configured frontend cache; retry those a cache refused."""
    failed = purge(urls, attempt)
    if failed and attempt < settings.MASTHEAD_PURGE_ATTEMPTS:
        purge_urls.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(sorted(failed), attempt + 1)
    elif failed:
        logger.error("Gave up purging %d address(es) after %d attempts: %s", len(failed), attempt, sorted(failed))
    return {"purged": len(urls) - len(failed), "failed": len(failed)}


def purge(urls: list[str], attempt: int) -> set[str]:
    """The addresses some cache did not confirm (attempt 0 is the one made at publication)."""
    failed = set()
    for name, backend in get_backends().items():
        mine = [url for url in urls if backend.invalidates_hostname(urlsplit(url).hostname or "")]
        try:
            backend.purge_batch(mine)  # Cloudflare and CloudFront batch; Varnish takes one PURGE per address
        except PurgeFailed as error:
            logger.warning("Purge through %s failed (attempt %d): %s", name, attempt, error)
            failed.update(error.urls)
    return failed
