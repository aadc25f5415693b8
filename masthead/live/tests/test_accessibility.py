"""axe-core finds no WCAG 2.2 A/AA problem on the live page, the corrections log and "what changed", light and dark."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.corrections.models import Correction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_live_and_corrections_pages_have_no_wcag_violations(live_server, chromium, newsroom, live_page, scheme):
    article = newsroom["articles"][0]
    Correction.objects.create(article=article, text="An earlier version misspelled a name.")
    Correction.objects.create(article=article, kind=Correction.Kind.EDITORS_NOTE, text="Part of a series.")
    article.title = "A changed headline"
    article.save_revision().publish()
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 375, "height": 800})
    page = context.new_page()
    axe = Axe()
    problems = {}
    for url in [live_page.url, article.url, "/corrections/", f"/corrections/changes/{article.pk}/?from=1&to=2"]:
        page.goto(live_server.url + url)
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            problems[url] = result.generate_report()
    context.close()
    assert not problems, "\n\n".join(f"{url}:\n{report}" for url, report in problems.items())
