"""/health/ and /ready/: JSON, never cached, answered before the Host check and the HTTPS redirect."""

import json

import pytest

from masthead.core import clock


def _answer(client, path, **extra):
    response = client.get(path, **extra)
    return response, json.loads(response.content)


@pytest.mark.django_db
def test_health_is_alive_and_never_cached(client):
    response, body = _answer(client, "/health/")
    assert response.status_code == 200 and body == {"status": "ok"}
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_probes_answer_a_load_balancer_that_uses_the_node_address_over_http(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/ready/", HTTP_HOST="10.0.0.7:8000").status_code in (200, 503)
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # everything else keeps the checks


@pytest.mark.django_db(transaction=True)
def test_ready_without_a_worker_is_degraded_and_strict_says_so(client):
    response, body = _answer(client, "/ready/")
    assert response.status_code == 200 and body["status"] == "degraded"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "task_queue": True,
        "worker": False,
    }
    assert "no worker's clock has ticked" in body["checks"]["worker"]["detail"]
    assert "no-store" in response["Cache-Control"]
    strict = client.get("/ready/?strict")
    assert strict.status_code == 503 and strict["Retry-After"]


@pytest.mark.django_db(transaction=True)
def test_ready_once_the_clock_ticks(client):
    clock.tick()
    response, body = _answer(client, "/ready/?strict")
    assert response.status_code == 200 and body["status"] == "ok", body
    assert body["checks"]["worker"]["detail"].startswith("clock ticked")
