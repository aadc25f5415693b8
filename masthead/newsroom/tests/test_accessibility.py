"""WCAG 2.2 A/AA checks by axe-core (bundled, offline) in Chromium, on every kind of reader page, light and dark."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.newsroom.factories import ArticlePageFactory, ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reader_pages_have_no_wcag_violations(live_server, chromium, newsroom, scheme):
    opinion = newsroom["articles"][3]
    article = ArticlePageFactory(
        parent=newsroom["sections"][0],
        tags=["Energy"],
        authors=[newsroom["authors"][0]],
        hero_image=ImageFactory(),
        body=[
            ("paragraph", '<p>Text with <a href="https://example.org/">a link</a>.</p>'),
            ("subheading", "What happens next"),
            ("pull_quote", {"quote": "We will rebuild.", "attribution": "A resident"}),
            ("image", {"image": ImageFactory(), "caption": "A picture."}),
            ("related_article", {"article": opinion, "excerpt": ""}),
        ],
    )
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    urls = [
        "/",
        newsroom["sections"][0].url,
        article.url,
        newsroom["authors"][0].get_absolute_url(),
        "/tags/energy/",
        "/no-such-page/",
    ]
    problems = {}
    for url in urls:
        page.goto(live_server.url + url)
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            problems[url] = result.generate_report()
    context.close()
    assert not problems, "\n\n".join(f"{url}:\n{report}" for url, report in problems.items())
