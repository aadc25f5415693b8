"""The web version of an issue (the email's "view in your browser" link) and a newsletter's past issues, in
Chromium at 375 and 1280 px, light and dark: axe-core finds no WCAG 2.2 A/AA violation and nothing overflows."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.newsletters import sending
from masthead.newsletters.models import Issue, IssueArticle, Subscriber, Subscription
from masthead.newsletters.tests.conftest import make_newsletter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_issue_web_version_and_archive_are_accessible(live_server, chromium, newsroom, smtp_server, settings, scheme):
    settings.MASTHEAD_BASE_URL = live_server.url
    newsletter = make_newsletter("briefing")
    subscriber = Subscriber.objects.create(address="reader@example.org")
    Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.CONFIRMED)
    issue = Issue.objects.create(
        newsletter=newsletter, subject="Tuesday's briefing", preheader="Five things", intro="<p>Good morning.</p>"
    )
    IssueArticle.objects.create(issue=issue, article=newsroom["articles"][0], sort_order=0)
    sending.start_send(issue)
    sending.send_issue(issue.pk)
    web_link = f"{live_server.url}/newsletters/briefing/issues/{issue.pk}/"
    assert web_link in smtp_server.messages[0].get_body(("plain",)).get_content()

    problems = {}
    for width in (375, 1280):
        context = chromium.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
        page = context.new_page()
        archive, detail = f"{live_server.url}/newsletters/briefing/issues/", f"{live_server.url}/newsletters/briefing/"
        for url in (web_link, archive, detail):
            page.goto(url)
            result = Axe().run(page, options=WCAG)
            if result.violations_count:
                problems[f"{url} @ {width}"] = result.generate_report()
            overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
            assert not overflow, f"{url} scrolls sideways at {width} px"
        page.goto(web_link)
        assert page.get_by_role("heading", level=1).inner_text() == "Tuesday's briefing"
        assert page.get_by_role("link", name=newsroom["articles"][0].title).is_visible()
        page.get_by_role("link", name="Past issues of Briefing").click()
        assert page.get_by_role("link", name="Tuesday's briefing").is_visible()
        context.close()
    assert not problems, "\n\n".join(f"{url}:\n{report}" for url, report in problems.items())
