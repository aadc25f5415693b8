import re
from pathlib import Path

import pytest

from masthead.core.testing import run_worker_batch, worker_environment
from masthead.newsroom.factories import HomePageFactory

pytestmark = pytest.mark.db_sensitive

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db(transaction=True)
def test_dashboard_shows_whether_a_worker_answers(client, django_user_model, tmp_path):
    """The embedded profile: the database queue, and a local-memory cache in each process that no other can read."""
    HomePageFactory()  # Wagtail's dashboard needs a site; transactional tests before this one flushed it
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw-long-enough-123"))
    html = client.get("/admin/").content.decode()
    assert "No worker has answered yet." in html
    assert re.search(r"[1-9]\d* tasks? waiting", html)  # at least the heartbeat the dashboard just asked for

    env = worker_environment(MASTHEAD_VAR_DIR=tmp_path)
    done = run_worker_batch(env)
    assert done.returncode == 0, done.stderr
    html = client.get("/admin/").content.decode()
    assert "The worker is running" in html and "0 tasks waiting" in html
