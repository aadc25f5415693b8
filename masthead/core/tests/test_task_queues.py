"""Narration has a queue of its own, so mail and purges never wait behind hours of speech synthesis.

Each test runs real workers (``manage.py worker --batch --queues …``) on both task backends: the database queue
(the embedded default) and RQ on Redis.
"""

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings

from masthead.core.testing import run_worker_batch, worker_environment

pytestmark = pytest.mark.db_sensitive

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = "redis://127.0.0.1:6379/1"
SETUP = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'masthead.settings'); django.setup()\n"


def test_narration_tasks_go_to_the_narration_queue_and_everything_else_to_default():
    from masthead.core.tasks import heartbeat
    from masthead.narration.tasks import narrate_article, recheck_after_lexicon_change

    assert settings.TASK_QUEUES == ["default", "narration"]  # most urgent first: an all-queues worker's order
    assert narrate_article.queue_name == recheck_after_lexicon_change.queue_name == "narration"
    assert heartbeat.queue_name == "default"


@pytest.mark.django_db(transaction=True)
def test_a_default_worker_leaves_narration_to_the_narrator_on_the_database_queue(tmp_path):
    from masthead.core.tasks import heartbeat
    from masthead.narration.tasks import narrate_article

    narration = narrate_article.enqueue(987654)  # no such article: the task answers "gone" without the voice
    urgent = heartbeat.enqueue(note="db")
    env = worker_environment(MASTHEAD_VAR_DIR=tmp_path)

    done = run_worker_batch(env, queues="default")
    assert done.returncode == 0, done.stderr
    urgent.refresh(), narration.refresh()
    assert (urgent.status, narration.status) == ("SUCCESSFUL", "READY")

    done = run_worker_batch(env, queues="narration")
    assert done.returncode == 0, done.stderr
    narration.refresh()
    assert (narration.status, narration.return_value) == ("SUCCESSFUL", "gone")


def _run(code: str, env: dict) -> str:
    run = subprocess.run([sys.executable, "-c", SETUP + code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


@pytest.mark.django_db(transaction=True)
def test_a_default_worker_leaves_narration_to_the_narrator_on_rq(tmp_path):
    redis.Redis.from_url(REDIS_URL).ping()
    prefix = f"q{uuid.uuid4().hex[:8]}"
    env = worker_environment(REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix, MASTHEAD_VAR_DIR=tmp_path)
    ids = _run(
        "from masthead.core.tasks import heartbeat\n"
        "from masthead.narration.tasks import narrate_article\n"
        "print(narrate_article.enqueue(987654).id, heartbeat.enqueue(note='rq').id)\n",
        env,
    ).split()
    status = (
        "from masthead.core.tasks import heartbeat\n"
        "from masthead.narration.tasks import narrate_article\n"
        f"print(heartbeat.get_result('{ids[1]}').status, narrate_article.get_result('{ids[0]}').status)\n"
    )
    assert _run("from django.conf import settings; print(*settings.RQ_QUEUES)\n", env).split() == [
        f"{prefix}:default",
        f"{prefix}:narration",
    ]
    # The dashboard's "Background work" panel counts both queues.
    assert _run("from masthead.core.worker_status import _queue_counts; print(_queue_counts()['waiting'])", env) == "2"

    done = run_worker_batch(env, queues="default")
    assert done.returncode == 0, done.stderr
    assert _run(status, env).split() == ["SUCCESSFUL", "READY"]

    done = run_worker_batch(env, queues="narration")
    assert done.returncode == 0, done.stderr
    assert _run(status, env).split() == ["SUCCESSFUL", "SUCCESSFUL"]


def test_an_unknown_queue_is_a_usage_error_not_a_traceback(tmp_path):
    done = run_worker_batch(worker_environment(MASTHEAD_VAR_DIR=tmp_path), queues="default,nope")
    assert done.returncode != 0
    assert "unknown queue nope; the queues are default, narration" in done.stderr
    assert "Traceback" not in done.stderr
