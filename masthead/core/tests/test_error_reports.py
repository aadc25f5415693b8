"""A server error reaches a person: mailed to ADMINS through the real SMTP path, once per error per interval, and
logged as one JSON line in production."""

import json
import logging
import uuid

import pytest

from masthead.config import admins_from_env
from masthead.core.logging import JsonFormatter


def test_admins_come_from_one_environment_variable():
    assert admins_from_env("") == []
    assert admins_from_env("Jo Editor <jo@example.org>, ops@example.org") == [
        ("Jo Editor", "jo@example.org"),
        ("ops@example.org", "ops@example.org"),
    ]


@pytest.mark.django_db
def test_a_server_error_is_mailed_to_admins_once_and_the_page_says_so(client, settings, smtp_server):
    settings.ROOT_URLCONF = "masthead.core.tests.failing_urls"
    settings.ADMINS = [("Night Editor", "night@example.org")]
    client.raise_request_exception = False
    path = f"/broken/{uuid.uuid4().hex}/"

    response = client.get(path)
    assert response.status_code == 500
    assert "The newsroom's team has been told." in response.content.decode()
    assert client.get(path).status_code == 500  # the same error again: logged, not mailed again

    assert [message["To"] for message in smtp_server.messages] == ["night@example.org"]
    message = smtp_server.messages[0]
    assert path in message["Subject"] and "a bug in a view" in message.get_body().get_content()


@pytest.mark.django_db
def test_without_admins_the_page_does_not_promise_anyone_was_told(client, settings):
    settings.ROOT_URLCONF = "masthead.core.tests.failing_urls"
    settings.ADMINS = []
    client.raise_request_exception = False
    response = client.get(f"/broken/{uuid.uuid4().hex}/")
    assert response.status_code == 500 and "written to the newsroom's logs" in response.content.decode()


def test_json_log_lines_carry_the_request_and_the_traceback(rf):
    request = rf.get("/somewhere/?q=1")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/somewhere/",),
            exc_info=__import__("sys").exc_info(),
            extra={"request": request, "status_code": 500},
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /somewhere/"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/somewhere/", 500)
    assert "ValueError: boom" in entry["exception"] and entry["time"].endswith("+00:00")
