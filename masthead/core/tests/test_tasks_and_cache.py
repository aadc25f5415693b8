"""Both background-task backends and both caches, each with the real thing: a worker process, Redis."""

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import cache

from masthead.core.tasks import HEARTBEAT_KEY
from masthead.core.testing import run_worker_batch, worker_environment

pytestmark = pytest.mark.db_sensitive

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = "redis://127.0.0.1:6379/1"


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


SETUP = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'masthead.settings'); django.setup()\n"


@pytest.mark.django_db(transaction=True)
def test_database_worker_runs_an_enqueued_task(tmp_path):
    from masthead.core.tasks import heartbeat

    result = heartbeat.enqueue(note="db")
    assert result.status == "READY"
    env = worker_environment(MASTHEAD_VAR_DIR=tmp_path)
    done = run_worker_batch(env)
    assert done.returncode == 0, done.stderr
    result.refresh()
    assert result.status == "SUCCESSFUL"


def test_redis_cache_and_rq_worker_when_redis_url_is_set(tmp_path):
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # Redis must be running (the machine starts it; .ci/run checks)
    note = uuid.uuid4().hex
    env = worker_environment(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=f"t{note[:8]}", MASTHEAD_VAR_DIR=tmp_path)
    env.pop("DATABASE_URL")  # this test needs no database
    enqueue = _run(
        SETUP
        + f"""
from django.conf import settings
from django.core.cache import cache
from masthead.core.tasks import heartbeat
assert settings.CACHES['default']['BACKEND'].endswith('RedisCache'), settings.CACHES
assert settings.TASKS['default']['BACKEND'] == 'masthead.core.task_backend.SiteRQBackend'
cache.delete('{HEARTBEAT_KEY}')
print(heartbeat.enqueue(note='{note}').id)
""",
        env,
    )
    assert enqueue.returncode == 0, enqueue.stderr
    worker = run_worker_batch(env)
    assert worker.returncode == 0, worker.stderr
    check = _run(
        SETUP
        + f"""
from django.core.cache import cache
from django_tasks import default_task_backend
from masthead.core.tasks import heartbeat
print(cache.get('{HEARTBEAT_KEY}')['note'], heartbeat.get_result('{enqueue.stdout.strip()}').status)
""",
        env,
    )
    assert check.stdout.split() == [note, "SUCCESSFUL"], check.stderr


def test_local_memory_cache_is_the_embedded_default(settings):
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    cache.set("x", 1)
    assert cache.get("x") == 1
