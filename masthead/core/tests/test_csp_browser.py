"""In Chromium, no page type breaks its Content-Security-Policy: every public page, the pages an editor sees and
Wagtail's admin. Violations are caught two ways: the ``securitypolicyviolation`` event (an init script, so before any
page script) and the console's "Content Security Policy" messages. A control injects an inline script and a style
attribute into a reader page and must see both refused."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture
def every_page_type(live_server, newsroom, smtp_server, settings):
    """Every public page type (a narrated article, a live page, a correction, a sent issue): {name: path}."""
    from masthead.corrections.models import Correction
    from masthead.live.models import LivePage
    from masthead.narration.service import narrate
    from masthead.newsletters import sending
    from masthead.newsletters.models import Issue, IssueArticle
    from masthead.newsletters.tests.conftest import make_newsletter
    from masthead.newsroom.demo import demo_loaded
    from masthead.newsroom.demo.load import load_demo

    settings.MASTHEAD_BASE_URL = live_server.url
    settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.ToneEngine"
    news, opinion = newsroom["articles"][0], newsroom["articles"][-1]
    news.tags.add("elections")
    news.save_revision().publish()
    narrate(news)
    demo_loaded.send(sender=load_demo, articles=newsroom["articles"])  # a live page and a correction
    newsletter = make_newsletter("briefing")
    issue = Issue.objects.create(newsletter=newsletter, subject="Tuesday's briefing", intro="<p>Good morning.</p>")
    IssueArticle.objects.create(issue=issue, article=news, sort_order=0)
    sending.start_send(issue)
    sending.send_issue(issue.pk)
    return {
        "home": "/",
        "article (narrated)": news.url,
        "opinion article": opinion.url,
        "live page": LivePage.objects.get().url,
        "section": newsroom["sections"][0].url,
        "author": newsroom["authors"][0].get_absolute_url(),
        "authors": "/authors/",
        "tag": "/tags/elections/",
        "search": "/search/?q=" + news.title.split()[-1],
        "newsletters": "/newsletters/",
        "newsletter": newsletter.get_absolute_url(),
        "issue web version": f"/newsletters/briefing/issues/{issue.pk}/",
        "past issues": "/newsletters/briefing/issues/",
        "corrections": "/corrections/",
        "what changed": reverse("corrections:changes", args=[Correction.objects.get().article_id]),
        "404": "/no-such-page/",
    }


def watched_page(chromium):
    """A tab that records every CSP violation its documents report, with or without a listener in the page."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.console_violations = []
    page.on("console", lambda message: _keep_csp_message(page, message))
    return page


def _keep_csp_message(page, message):
    # Chromium also names a Permissions-Policy feature it does not know: the header must stay clean too (Web
    # Bluetooth is a feature of Chrome on Windows, macOS and ChromeOS, not of Debian's Chromium).
    text = message.text
    if "Content Security Policy" in text or ("Permissions-Policy" in text and "'bluetooth'" not in text):
        page.console_violations.append(text)


def violations_on(page, url) -> list[str]:
    page.console_violations.clear()
    response = page.goto(url)
    assert response.status == (404 if url.endswith("/no-such-page/") else 200), (url, response.status)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations") + page.console_violations


def test_a_reader_page_reports_an_injected_inline_script_and_style(live_server, chromium, newsroom):
    """The control: the listeners see what the policy refuses, so an empty list below means something."""
    page = watched_page(chromium)
    assert violations_on(page, live_server.url + newsroom["articles"][0].url) == []
    page.evaluate(
        """() => {
        document.body.insertAdjacentHTML("beforeend", '<p style="color: red">injected</p>');
        const script = document.createElement("script");
        script.textContent = "window.__injectedRan = true";
        document.body.append(script);
    }"""
    )
    page.wait_for_function("window.__cspViolations.length >= 2")
    found = " | ".join(page.evaluate("window.__cspViolations") + page.console_violations)
    assert "script-src-elem blocked inline" in found and "style-src-attr blocked inline" in found, found
    assert page.evaluate("window.__injectedRan") is None
    page.context.close()


def test_no_public_page_type_reports_a_violation(live_server, chromium, every_page_type):
    page = watched_page(chromium)
    found = {}
    for name, path in every_page_type.items():
        if violations := violations_on(page, live_server.url + path):
            found[name] = violations
        if name == "article (narrated)":
            assert page.locator('script[type="application/ld+json"]').count() >= 1  # data blocks are not refused
            page.get_by_role("button", name="Play").click()
            expect(page.locator("audio")).to_have_js_property("paused", False)
    assert not found, found
    page.context.close()


def test_wagtails_admin_and_an_editors_pages_report_no_violation(live_server, chromium, every_page_type, newsroom):
    from django.contrib.auth.models import User

    from masthead.newsletters.models import Issue

    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    article = newsroom["articles"][0]
    page = watched_page(chromium)
    found = {}
    if violations := violations_on(page, live_server.url + "/admin/login/"):
        found["login"] = violations
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    issue = Issue.objects.get()
    for name, path in {
        "dashboard": "/admin/",
        "page edit": f"/admin/pages/{article.pk}/edit/",
        "draft preview": f"/admin/pages/{article.pk}/view_draft/",
        "newsletters": reverse("wagtailsnippets_newsletters_newsletter:list"),
        "issues": reverse("wagtailsnippets_newsletters_issue:list"),
        "issue edit": reverse("wagtailsnippets_newsletters_issue:edit", args=[issue.pk]),
        "issue send": reverse("newsletters_admin:issue_send", args=[issue.pk]),
        "imports": reverse("imports:index"),
        "article, as an editor": article.url,
        "live page, as an editor": every_page_type["live page"],
    }.items():
        if violations := violations_on(page, live_server.url + path):
            found[name] = violations
    assert not found, found
    page.context.close()
