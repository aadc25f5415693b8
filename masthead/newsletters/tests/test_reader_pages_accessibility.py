"""WCAG 2.2 A/AA checks by axe-core in Chromium on the reader pages of the confirmation flow, light and dark:
the Confirm button page, "already subscribed", and the preference page with a newsletter to add."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.newsletters.models import Subscriber, Subscription
from masthead.newsletters.tests.conftest import make_newsletter
from masthead.newsletters.tokens import confirm_token, manage_token

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_confirmation_flow_pages_have_no_wcag_violations(live_server, chromium, newsroom, scheme):
    briefing, explainer = make_newsletter("briefing"), make_newsletter("explainer", sort_order=1)
    reader = Subscriber.objects.create(address="reader@example.org")
    pending = Subscription.objects.create(subscriber=reader, newsletter=briefing, confirm_nonce="pendingnonce")
    confirmed = Subscription.objects.create(
        subscriber=reader, newsletter=explainer, status=Subscription.Status.CONFIRMED
    )
    pages = {
        "Confirm your subscription": f"/newsletters/confirm/{confirm_token([pending.pk], 'pendingnonce')}/",
        "You are already subscribed": f"/newsletters/confirm/{confirm_token([confirmed.pk], 'usedbefore1')}/",
        "Your newsletters": f"/newsletters/preferences/{manage_token(reader.pk, reader.key)}/",
    }
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    problems = {}
    for heading, url in pages.items():
        page.goto(live_server.url + url)
        assert page.locator("h1").inner_text() == heading
        result = axe.run(page, options=WCAG)
        if result.violations_count:
            problems[url] = result.generate_report()
    assert context.cookies() == []
    context.close()
    assert not problems, "\n\n".join(f"{url}:\n{report}" for url, report in problems.items())
