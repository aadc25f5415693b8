"""Fixtures every app's tests may use: a newsroom, media in a temporary folder, a real Chromium."""

import os

import pytest

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    yield


@pytest.fixture(autouse=True)
def _wagtail_tree_after_flush(request):
    """A transactional test flushes every table at its end, taking what Wagtail's migrations made (the root page,
    root collection, default locale) with it; later transactional tests get them back here."""
    marker = request.node.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        from masthead.newsroom.factories import tree_root

        tree_root()


@pytest.fixture
def newsroom(db):
    """Home page, a News and an Opinion section with three published articles each, two authors."""
    from masthead.newsroom.factories import build_newsroom

    return build_newsroom()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    from masthead.core.testing import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser tab (own cookies) per test."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free loopback port, with Django's SMTP backend pointed at it.

    ``smtp_server.messages`` holds every message received, parsed (email.message.EmailMessage).
    """
    from masthead.newsletters.smtp_server import LoopbackSMTP

    with LoopbackSMTP() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        yield server


def pytest_sessionfinish(session, exitstatus):
    """In CI (MASTHEAD_NO_SKIPS=1) a skipped test fails the run: every test here is required."""
    if not os.environ.get("MASTHEAD_NO_SKIPS"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"MASTHEAD_NO_SKIPS: {len(skipped)} test(s) skipped; every test is required.", red=True)
        session.exitstatus = 1
