import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.config import email_settings_from_url, env_list

ROOT = Path(__file__).resolve().parents[3]


def test_email_url_defaults_to_eml_files(tmp_path):
    assert email_settings_from_url("", tmp_path) == {
        "EMAIL_BACKEND": "masthead.core.mail.EmlFileBackend",
        "EMAIL_FILE_PATH": str(tmp_path),
    }


def test_email_url_smtp_with_credentials_and_tls(tmp_path):
    parsed = email_settings_from_url("smtp+tls://news%40x.org:p%3Ass@mail.example.org:2525?timeout=5", tmp_path)
    assert parsed["EMAIL_HOST"] == "mail.example.org" and parsed["EMAIL_PORT"] == 2525
    assert parsed["EMAIL_HOST_USER"] == "news@x.org" and parsed["EMAIL_HOST_PASSWORD"] == "p:ss"
    assert parsed["EMAIL_USE_TLS"] and not parsed["EMAIL_USE_SSL"] and parsed["EMAIL_TIMEOUT"] == 5
    assert email_settings_from_url("smtp+ssl://h", tmp_path)["EMAIL_PORT"] == 465
    assert email_settings_from_url("smtp://h", tmp_path)["EMAIL_PORT"] == 25


def test_email_url_rejects_unknown_schemes(tmp_path):
    with pytest.raises(ImproperlyConfigured):
        email_settings_from_url("carrier-pigeon://coop", tmp_path)


def test_env_list(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.org, b.org ,,")
    assert env_list("SOME_HOSTS", ["x"]) == ["a.org", "b.org"]
    monkeypatch.delenv("SOME_HOSTS")
    assert env_list("SOME_HOSTS", ["x"]) == ["x"]


def _manage(*args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "MASTHEAD_ENV", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        MASTHEAD_ENV="production",
        SECRET_KEY="a-long-random-secret-key-for-testing-only-0123456789-abcdefghijk",
        ALLOWED_HOSTS="news.example.org",
        MASTHEAD_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_profile_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(
        "check", MASTHEAD_ENV="production", ALLOWED_HOSTS="news.example.org", MASTHEAD_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_embedded_profile_keeps_its_generated_secret_key(tmp_path):
    for _ in range(2):
        assert _manage("check", MASTHEAD_VAR_DIR=str(tmp_path)).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 40 and oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_two_sites_sharing_one_redis_keep_their_own_cache_and_renditions(tmp_path):
    """CACHE_KEY_PREFIX separates every cache alias that lives in Redis (Redis database 7, this helper's)."""
    script = (
        "import os; from django.core.cache import caches; site, mode = os.environ['SITE'], os.environ['MODE'];"
        "[caches[a].set('shared-name', site) for a in ('default', 'renditions') if mode == 'write'];"
        "print([caches[a].get('shared-name') for a in ('default', 'renditions')])"
    )
    redis_url = "redis://127.0.0.1:6379/7"

    def site(prefix, mode):
        done = _manage(
            "shell",
            "-c",
            script,
            SITE=prefix,
            MODE=mode,
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=prefix,
            MASTHEAD_VAR_DIR=str(tmp_path / prefix),
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]  # after the shell's own notice

    prefixes = [f"site-a-{tmp_path.name}", f"site-b-{tmp_path.name}"]
    site(prefixes[0], "write")
    site(prefixes[1], "write")
    try:
        assert site(prefixes[0], "read") == str([prefixes[0], prefixes[0]])
        assert site(prefixes[1], "read") == str([prefixes[1], prefixes[1]])
    finally:
        import redis

        shared = redis.Redis(db=7)
        for prefix in prefixes:
            keys = shared.keys(f"{prefix}*")
            if keys:
                shared.delete(*keys)
