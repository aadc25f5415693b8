"""Scheduled publishing: the worker publishes what an editor scheduled and unpublishes what expired."""

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Page

from masthead.core.testing import run_worker_batch, worker_environment
from masthead.newsroom.factories import ArticlePageFactory, build_newsroom

ROOT = Path(__file__).resolve().parents[3]
# The worker also runs what building the newsroom queued (narration among it); a quick engine keeps these tests about
# the clock, not about the real voice's speed on a loaded machine (narration's own tests run Piper).
QUICK_VOICE = {"MASTHEAD_NARRATION_ENGINE": "masthead.narration.tests.engines.ToneEngine"}
pytestmark = [
    pytest.mark.db_sensitive,
    pytest.mark.django_db(transaction=True),
]  # a real worker process reads what the test wrote


def _schedule(newsroom):
    """One draft due to go live a moment ago, one live article whose expiry has passed."""
    section = newsroom["sections"][0]
    due = ArticlePageFactory(parent=section, live=False, title="Embargo lifted")
    due.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    expired = newsroom["articles"][0]
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(seconds=1))
    return due, expired


def _live(page):
    return Page.objects.get(pk=page.pk).live


def test_a_batch_worker_publishes_what_is_due_and_unpublishes_what_expired(tmp_path, client):
    due, expired = _schedule(build_newsroom(articles_per_section=1))
    assert not _live(due) and client.get(expired.url).status_code == 200
    done = run_worker_batch(worker_environment(MASTHEAD_VAR_DIR=tmp_path, **QUICK_VOICE))
    assert done.returncode == 0, done.stderr
    assert _live(due) and not _live(expired)
    assert "Embargo lifted" in client.get(Page.objects.get(pk=due.pk).url).content.decode()
    assert client.get(expired.url).status_code == 404


def test_a_running_worker_keeps_the_clock(tmp_path):
    due, _ = _schedule(build_newsroom(articles_per_section=1))
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker"],
        cwd=ROOT,
        env=worker_environment(MASTHEAD_VAR_DIR=tmp_path, **QUICK_VOICE),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _live(due) and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.5)
        assert _live(due), worker.stderr.read() if worker.poll() is not None else "not published within 60 s"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
