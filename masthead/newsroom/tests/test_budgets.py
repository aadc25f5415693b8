"""Every public page type, held to independent checkers and to budgets, on the demo newsroom in Chromium.

- the Nu HTML Checker (vnu-jar from npm, on Debian's Java): 0 errors;
- axe-core (from npm, injected by Playwright), every rule it runs by default (WCAG 2.x A/AA and best practices),
  light and dark: 0 violations;
- weight at a 375 px viewport: home <= 150 KB, article <= 60 KB (audio excluded), JavaScript <= 8 KB compressed,
  nothing from another host; text counted gzip-compressed, as the production stack (WhiteNoise, the proxy) sends it;
- no sideways scroll at 320 px.

Needs ``make node_modules`` (package.json / package-lock.json).
"""

import gzip
import json
import subprocess
from pathlib import Path

import pytest

from masthead.core.testing import chromium_path  # noqa: F401  (the fixtures use it)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
KB = 1024
BUDGETS = {"home": 150 * KB, "article": 60 * KB}
JS_BUDGET = 8 * KB
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/ld+json")


def require_checkers():
    missing = [str(path) for path in (VNU_JAR, AXE) if not path.exists()]
    if missing:
        raise RuntimeError(f"Missing {', '.join(missing)}: run `make node_modules` (npm ci).")


@pytest.fixture
def demo_pages(settings):
    """The demo newsroom, one article narrated (so the player is checked too): {page type: address}."""
    from masthead.narration.service import narrate
    from masthead.newsletters.models import Newsletter
    from masthead.newsroom.demo.load import load_demo
    from masthead.newsroom.models import ArticlePage, Author, InfoPage, SectionPage

    settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.ToneEngine"
    load_demo(progress=False)
    news = ArticlePage.objects.live().filter(kind="news", language="en").order_by("-first_published_at").first()
    narrate(news)
    opinion = ArticlePage.objects.live().filter(kind="opinion").first()
    tag = news.tags.first()
    return {
        "home": "/",
        "article": news.url,
        "opinion article": opinion.url,
        # The demo's running story (the live app's page type is an article of kind "live").
        "live page": ArticlePage.objects.live().filter(kind=ArticlePage.Kind.LIVE).first().url,
        "section": SectionPage.objects.live().first().url,
        "author": Author.objects.first().get_absolute_url(),
        "authors": "/authors/",
        "tag": f"/tags/{tag.slug}/",
        "tags": "/tags/",
        "search": "/search/?q=" + news.title.split()[-1],
        "newsletters": "/newsletters/",
        "newsletter": Newsletter.objects.first().get_absolute_url(),
        "info page": InfoPage.objects.live().first().url,
        "404": "/no-such-page/",
    }


def vnu_errors(documents: dict) -> dict:
    """{name: [messages]} of the Nu HTML Checker's errors, every document checked in one Java run."""
    folder = Path(documents.pop("__folder__"))
    paths = []
    for name, body in documents.items():
        path = folder / (name.replace(" ", "-") + ".html")
        path.write_bytes(body)
        paths.append(str(path))
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--exit-zero-always", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stdout or "{}")
    found = {}
    for message in report.get("messages", []):
        if message.get("type") == "error" or message.get("subType") == "fatal":
            name = Path(message.get("url", "")).stem
            found.setdefault(name, []).append(f"line {message.get('lastLine')}: {message.get('message')}")
    return found


def axe_violations(page) -> list:
    page.evaluate(AXE.read_text())  # not a <script> tag: the page's Content-Security-Policy refuses inline scripts
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']}: {violation['help']} ({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in result["violations"]
    ]


def transferred(response) -> tuple[int, str]:
    """(bytes as production sends them, content type): text gzip-compressed, images and audio as they are."""
    content_type = (response.headers.get("content-type") or "").split(";")[0]
    try:
        body = response.body()
    except Exception:  # a redirect or an aborted media range request has no body to measure
        return 0, content_type
    if content_type.startswith(TEXT_TYPES):
        return len(gzip.compress(body, 9)), content_type
    return len(body), content_type


def test_every_public_page_passes_the_checkers_and_its_budgets(live_server, chromium, demo_pages, client, tmp_path):
    require_checkers()
    problems = []

    documents = {"__folder__": str(tmp_path)}
    for name, url in demo_pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url, response.status_code)
        documents[name] = response.content
    for name, errors in vnu_errors(documents).items():
        problems.append(f"Nu HTML Checker, {name}: " + "; ".join(errors))

    for scheme in ("light", "dark"):
        context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for name, url in demo_pages.items():
            page.goto(live_server.url + url)
            for violation in axe_violations(page):
                problems.append(f"axe ({scheme}), {name}: {violation}")
        context.close()

    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    for name, url in demo_pages.items():
        responses = []

        def record(response, responses=responses):
            responses.append(response)

        page.on("response", record)
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        page.remove_listener("response", record)
        outside = [r.url for r in responses if not r.url.startswith((live_server.url, "data:"))]
        if outside:
            problems.append(f"{name} asked another host: {outside}")
        sizes = [transferred(r) for r in responses]
        total = sum(size for size, kind in sizes if not kind.startswith("audio/"))
        scripts = sum(size for size, kind in sizes if "javascript" in kind)
        print(f"{name}: {total / KB:.1f} KB transferred, {scripts / KB:.1f} KB of JavaScript")
        if name in BUDGETS and total > BUDGETS[name]:
            problems.append(f"{name} weighs {total / KB:.1f} KB at 375 px (budget {BUDGETS[name] / KB:.0f} KB)")
        if scripts > JS_BUDGET:
            problems.append(f"{name} sends {scripts / KB:.1f} KB of JavaScript (budget {JS_BUDGET / KB:.0f} KB)")
    context.close()

    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for name, url in demo_pages.items():
        page.goto(live_server.url + url)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{name} scrolls sideways by {overflow} px at 320 px")
    context.close()

    assert not problems, "\n".join(problems)
