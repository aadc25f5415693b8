"""Content-Security-Policy and Permissions-Policy headers (masthead/core/security.py, settings.py)."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from masthead.core import security

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    """{"script-src": ["'self'"], …} from the response's Content-Security-Policy."""
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


def test_a_reader_page_has_the_strict_policy(client, newsroom):
    response = client.get(newsroom["articles"][0].url)
    assert response.status_code == 200 and "public" in response.headers["Cache-Control"]
    policy = directives(response)
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"] and policy["media-src"] == ["'self'"]
    assert policy["object-src"] == policy["frame-src"] == ["'none'"]
    assert policy["base-uri"] == policy["form-action"] == policy["frame-ancestors"] == ["'self'"]
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert "nonce-" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/", "/search/?q=x", "/newsletters/", "/no-such-page/", "/authors/"])
def test_every_reader_response_has_both_headers(client, newsroom, path):
    response = client.get(path)
    assert directives(response)["script-src"] == ["'self'"], path
    features = response.headers["Permissions-Policy"]
    for denied in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "browsing-topics=()"):
        assert denied in features, (path, denied)
    assert "autoplay=()" in features and "web-share" not in features  # the live page's share button keeps it


def admin_policy_problems(response, path) -> list:
    assert response.status_code == 200, path
    policy = directives(response)
    sources = {source for values in policy.values() for source in values}
    problems = [] if sources <= {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"} else [(path, sources)]
    if policy["script-src"] != ["'self'", "'unsafe-inline'"] or policy["frame-ancestors"] != ["'self'"]:
        problems.append((path, policy))
    return problems


def test_the_admin_has_its_own_policy_that_still_reaches_no_other_host(client, newsroom):
    problems = admin_policy_problems(client.get("/admin/login/"), "/admin/login/")
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "pw"))
    for path in ("/admin/", f"/admin/pages/{newsroom['articles'][0].pk}/edit/"):
        problems += admin_policy_problems(client.get(path), path)
    assert not problems


@pytest.mark.parametrize(
    "options, origin",
    [
        ({"custom_domain": "media.example.org"}, "https://media.example.org"),
        ({"endpoint_url": "http://127.0.0.1:9000"}, "http://127.0.0.1:9000"),  # MinIO and other S3-compatibles
    ],
)
def test_public_media_links_add_their_host_to_img_and_media_src(client, newsroom, settings, options, origin):
    settings.MEDIA_S3_PUBLIC_URLS = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "masthead.caching.storage.ProxiedS3Storage",
            "OPTIONS": {"bucket_name": "news", "querystring_auth": False, **options},
        },
    }
    security.media_origin.cache_clear()
    try:
        policy = directives(client.get("/authors/"))
    finally:
        security.media_origin.cache_clear()
    assert policy["img-src"] == ["'self'", "data:", origin]
    assert policy["media-src"] == ["'self'", origin]
    assert policy["script-src"] == ["'self'"]


def test_a_views_own_update_keeps_the_media_host():
    merged = security.with_sources({"img-src": ["https://maps.example.org"]}, {"img-src": ["https://media.example"]})
    assert merged == {"img-src": ["https://maps.example.org", "https://media.example"]}


def test_media_served_by_masthead_adds_no_host():
    security.media_origin.cache_clear()
    assert security.media_origin() == ""


def test_embed_hosts_come_from_the_environment():
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src'], "
        "settings.MASTHEAD_ADMIN_CSP['DIRECTIVES']['frame-src']]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings"}
    env["MASTHEAD_CSP_FRAME_HOSTS"] = "https://www.youtube-nocookie.com, https://player.vimeo.com"
    run = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    reader, admin = json.loads(run.stdout)
    assert reader == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    assert admin == ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_permissions_policy_header_format():
    header = security.permissions_policy_header({"camera": [], "web-share": ["self"]})
    assert header == "camera=(), web-share=(self)"
