import re
import subprocess
import uuid
import sys
from pathlib import Path

import pytest

from masthead.core.testing import worker_environment
from masthead.newsroom.factories import HomePageFactory

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db(transaction=True)
def test_dashboard_shows_whether_a_worker_answers(client, django_user_model, settings, tmp_path):
    prefix = f"dash{uuid.uuid4().hex}"  # a fresh cache namespace: nothing left over from earlier runs
    # The worker process writes its heartbeat to a cache both processes can read: Redis.
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1",
        "KEY_PREFIX": prefix}}
    HomePageFactory()  # Wagtail's dashboard needs a site; transactional tests before this one flushed it
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw-long-enough-123"))
    html = client.get("/admin/").content.decode()
    assert "No worker has answered yet." in html
    assert re.search(r"[1-9]\d* tasks? waiting", html)  # at least the heartbeat the dashboard just asked for

    env = worker_environment(MASTHEAD_VAR_DIR=tmp_path, CACHE_KEY_PREFIX=prefix)
    # The worker uses the database task queue but must share the cache: Redis without the RQ backend.
    code = ("import os, django; os.environ['DJANGO_SETTINGS_MODULE']='masthead.settings'\n"
            "from django.conf import settings\n"
            "django.setup()\n"
            f"settings.CACHES['default'] = {{'BACKEND': 'django.core.cache.backends.redis.RedisCache', "
            f"'LOCATION': 'redis://127.0.0.1:6379/1', 'KEY_PREFIX': '{prefix}'}}\n"
            "from django.core.management import call_command\ncall_command('worker', batch=True)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = client.get("/admin/").content.decode()
    assert "The worker is running" in html and "0 tasks waiting" in html
