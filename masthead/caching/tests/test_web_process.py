"""A web worker loads only what serving pages needs: the voice engine (numpy, Piper, lameenc) stays out, and so
do the parts only the admin, the API or the task worker use (issue 9: a worker's start and its memory)."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.db import connection

from masthead.caching.varnish import ROOT

HEAVY = ("numpy", "piper", "onnxruntime", "lameenc", "moto", "playwright")

# What a reader page never needs, each with what imported it before: Wagtail's API v3 (not mounted), Django
# admin's autodiscovery (django_rq's dashboard and rq's cron scheduler), narration's number words, the admin's
# URLconf (any reverse() read every URL name: masthead/reader_urls.py), django-anymail (the sending engine's
# exceptions, which import requests' whole stack).
LAZY = (
    "ninja",  # django-ninja, for Wagtail's API v3 only
    "wagtail.api.v3.api",
    "wagtail.snippets.api.v3.registry",
    "wagtail.images.api.v3.router",
    "django_rq.stats_views",
    "django_rq.admin",
    "croniter",
    "num2words",
    "masthead.urls",
    "wagtail.admin.urls",
    "wagtail.admin.api.urls",
    "anymail.exceptions",
    "soupsieve.css_match",  # placeholders until used (masthead/core/lazy_modules.py): bs4, django.test and
    "jinja2.environment",  # Wagtail's oembed finder import them
    "requests.sessions",
    "urllib3",
    "willow.image",  # Willow too (Wagtail's image checks imported it: a web worker runs no checks), and with it
    "wagtail.images.checks",  # pillow-heif; Pillow itself still comes with the images app's admin hooks
    "pillow_heif",
)

# Without REDIS_URL (the embedded profile) nothing of RQ or redis: the deferred-tasks clock job imported them.
QUEUE = ("django_rq", "rq", "redis", "django_tasks_rq", "masthead.core.task_backend")

# A fresh interpreter: the WSGI application, then each address given, as a front server would call it.
READER = """
import json, sys
from wsgiref.util import setup_testing_defaults
from masthead.wsgi import application

statuses = {}
for path in sys.argv[1:]:
    environ = {"PATH_INFO": path, "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1"}
    setup_testing_defaults(environ)
    b"".join(application(environ, lambda status, headers, exc_info=None: statuses.setdefault(path, status)))
print(json.dumps({"statuses": statuses, "modules": sorted(sys.modules)}))
"""


def test_the_wsgi_application_does_not_import_the_voice_engine(tmp_path):
    code = (
        "import sys\nfrom masthead.wsgi import application\n"
        f"print(sorted(name for name in {HEAVY!r} if name in sys.modules))\n"
    )
    env = {**os.environ, "MASTHEAD_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "masthead.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_the_wsgi_application_freezes_what_its_start_made_and_collects_garbage_again(tmp_path):
    code = "import gc\nfrom masthead.wsgi import application\nprint(gc.isenabled(), gc.get_freeze_count() > 100_000)\n"
    env = {**os.environ, "MASTHEAD_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "masthead.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


@pytest.mark.django_db(transaction=True)
def test_a_reader_request_imports_nothing_only_the_admin_api_or_worker_use(newsroom, tmp_path, client):
    article = newsroom["articles"][0].url
    _make_renditions(client, "/", article)
    served = _serve_in_a_fresh_process(tmp_path, "/", article, "/robots.txt")
    assert served["statuses"] == dict.fromkeys(["/", article, "/robots.txt"], "200 OK")
    assert "django_rq" in served["modules"]  # the task queue is there (REDIS_URL), so its dashboard could have been
    assert [name for name in LAZY + HEAVY if name in served["modules"]] == []


@pytest.mark.django_db(transaction=True)
def test_without_redis_a_reader_request_imports_nothing_of_the_task_queue(newsroom, tmp_path, client):
    article = newsroom["articles"][0].url
    _make_renditions(client, "/", article)
    served = _serve_in_a_fresh_process(tmp_path, "/", article, redis=False)
    assert served["statuses"] == dict.fromkeys(["/", article], "200 OK")
    assert "django_tasks_db" in served["modules"]  # the database queue is there instead
    assert [name for name in QUEUE + LAZY + HEAVY if name in served["modules"]] == []


@pytest.mark.django_db(transaction=True)
def test_the_admin_still_serves_every_app_whose_ready_was_trimmed(admin_client, newsroom):
    for address in ("/admin/snippets/", "/admin/images/", "/admin/documents/", "/admin/redirects/"):
        assert admin_client.get(address).status_code == 200, address


def _make_renditions(client, *paths):
    """Serve the pages here first, as a site that has served them before: their images' renditions exist, so the
    fresh process needs no Willow (it loads when an image is resized: test_lazy_modules.py)."""
    for path in paths:
        assert client.get(path).status_code == 200, path


def _serve_in_a_fresh_process(tmp_path, *paths, redis=True) -> dict:
    env = {
        **os.environ,
        "MASTHEAD_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "masthead.settings",
        "DATABASE_URL": _test_database_url(),
        # As in production: Redis cache, RQ task queue, django_rq installed; or the embedded profile's local ones.
        "REDIS_URL": "redis://127.0.0.1:6379/3" if redis else "",
        "CACHE_KEY_PREFIX": f"web-process-{uuid.uuid4().hex}",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
    }
    command = [sys.executable, "-c", READER, *paths]
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _test_database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings.get("USER") or "postgres", settings.get("HOST") or "127.0.0.1", settings.get("PORT")
    return f"postgres://{user}@{host}:{port or 5432}/{settings['NAME']}"
