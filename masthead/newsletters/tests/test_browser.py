"""A reader in Debian's Chromium against a live server: signs up from an article page with JavaScript on and off,
confirms from the email the SMTP server received, changes preferences, and leaves with the one-click POST."""

import re
import time

import pytest
from playwright.sync_api import expect

from masthead.newsletters import sending
from masthead.newsletters.models import Issue, Subscriber, Subscription
from masthead.newsletters.tests.conftest import make_newsletter
from masthead.newsletters.views import SUCCESS_MESSAGE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Subscription.Status
READER = "reader@example.org"


def wait_for_mail(smtp_server, count, timeout=10):
    deadline = time.monotonic() + timeout
    while len(smtp_server.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(smtp_server.messages) == count, [m["Subject"] for m in smtp_server.messages]
    return smtp_server.messages[-1]


def link_in(message, live_server):
    text = message.get_body(("plain",)).get_content()
    return re.search(re.escape(live_server.url) + r"/newsletters/confirm/[^/\s]+/", text).group(0)


def statuses():
    return dict(Subscription.objects.values_list("newsletter__slug", "status"))


@pytest.fixture
def reading(newsroom, settings, smtp_server, live_server):
    """Links in emails point at the live server (it runs in a thread of this process, so settings apply there)."""
    settings.MASTHEAD_BASE_URL = live_server.url
    settings.NEWSLETTERS_MIN_FILL_SECONDS = 0.5  # the fill timer stays on; a person takes longer than this
    make_newsletter("briefing", welcome_message="Five things to know, every weekday before breakfast.")
    make_newsletter("explainer", sort_order=1)
    return live_server.url + newsroom["articles"][0].url


def test_reader_signs_up_with_and_without_javascript_confirms_manages_and_leaves(
    reading, live_server, browser_page, chromium, smtp_server
):
    # --- JavaScript on: the article page's form checks the address in place and answers inline.
    page = browser_page
    page.goto(reading)
    assert page.context.cookies() == []  # the article page is the same for every reader: cacheable
    form = page.get_by_role("form", name="Briefing")
    expect(form.locator("[name=started]")).to_have_value("")  # no per-render timer in the HTML
    email = form.get_by_label("Email address")
    email.fill("not-an-address")
    form.get_by_role("button", name="Sign up").click()
    error = form.locator("[data-error-for=email]")
    expect(error).to_be_visible()
    expect(error).to_have_text("Enter an email address like name@example.com.")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", error.get_attribute("id"))
    expect(email).to_be_focused()
    assert not Subscriber.objects.exists()

    page.wait_for_timeout(600)  # the minimum fill time
    email.fill(READER)
    form.get_by_role("button", name="Sign up").click()
    status = form.get_by_role("status")
    expect(status).to_have_text(SUCCESS_MESSAGE)
    expect(status).to_have_attribute("aria-live", "polite")
    expect(error).to_be_hidden()
    expect(email).not_to_have_attribute("aria-invalid", "true")
    assert page.url == reading  # answered in place
    expect(form.locator("[name=started]")).not_to_have_value("")  # the timer, fetched once the reader began
    first_email = wait_for_mail(smtp_server, 1)
    assert first_email["To"] == READER and "Briefing" in first_email["Subject"]
    assert statuses() == {"briefing": S.PENDING}

    # --- JavaScript off: the browser's own check, then a plain POST and a result page; our check on the server.
    plain = chromium.new_context(java_script_enabled=False)
    try:
        nojs = plain.new_page()
        nojs.set_default_timeout(15_000)
        nojs.goto(reading)
        form = nojs.get_by_role("form", name="Explainer")
        email = form.get_by_label("Email address")
        email.fill("not-an-address")
        form.get_by_role("button", name="Sign up").click()
        assert email.evaluate("el => el.validationMessage")  # the browser refused to submit, with its message
        assert nojs.url == reading
        nojs.wait_for_timeout(600)
        email.fill("reader@example")  # the browser's rule accepts it; ours wants a domain with a dot
        form.get_by_role("button", name="Sign up").click()
        expect(nojs.get_by_role("heading", level=1)).to_have_text("Newsletters")
        expect(nojs.get_by_role("alert")).to_have_text("Please correct the form.")
        server_form = nojs.get_by_role("form", name="Our newsletters")
        field_error = server_form.locator("[data-error-for=email]")
        expect(field_error).to_have_text("Enter an email address like name@example.com.")
        expect(server_form.get_by_label("Email address")).to_have_attribute("aria-invalid", "true")
        expect(server_form.get_by_label(re.compile("^Explainer"))).to_be_checked()  # the choice survives

        nojs.goto(reading)
        form = nojs.get_by_role("form", name="Explainer")
        nojs.wait_for_timeout(600)
        form.get_by_label("Email address").fill(READER)
        form.get_by_role("button", name="Sign up").click()
        expect(nojs).to_have_url(live_server.url + "/newsletters/signup/")
        expect(nojs.get_by_role("heading", level=1)).to_have_text("Check your inbox")
        expect(nojs.get_by_role("status")).to_have_text(SUCCESS_MESSAGE)
        second_email = wait_for_mail(smtp_server, 2)
        assert second_email["To"] == READER and "Explainer" in second_email["Subject"]

        assert plain.cookies() == []  # no CSRF cookie was needed

        # Confirming works without JavaScript too: the link shows a button (mail scanners do not press it).
        nojs.goto(link_in(second_email, live_server))
        expect(nojs.get_by_role("heading", level=1)).to_have_text("Confirm your subscription")
        assert statuses()["explainer"] == S.PENDING
        nojs.get_by_role("button", name="Confirm").click()
        expect(nojs.get_by_role("heading", name="Welcome to Explainer")).to_be_visible()
    finally:
        plain.close()
    assert statuses() == {"briefing": S.PENDING, "explainer": S.CONFIRMED}

    # --- The first email's link: the welcome page, then the preference page it links to.
    page.goto(link_in(first_email, live_server))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    expect(page.get_by_role("heading", name="Welcome to Briefing")).to_be_visible()
    expect(page.get_by_text("Five things to know, every weekday before breakfast.")).to_be_visible()
    page.get_by_role("link", name="change your newsletters").click()
    preferences_url = page.url
    page.goto(link_in(first_email, live_server))  # a second visit: no error, nothing confirmed twice
    expect(page.get_by_role("heading", level=1)).to_have_text("You are already subscribed")
    page.goto(preferences_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your newsletters")
    briefing, explainer = page.get_by_label(re.compile("^Briefing")), page.get_by_label(re.compile("^Explainer"))
    expect(briefing).to_be_checked()
    expect(explainer).to_be_checked()
    briefing.uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_have_text("Your choices are saved.")
    expect(page.get_by_label(re.compile("^Briefing"))).not_to_be_checked()
    expect(page.get_by_label(re.compile("^Briefing"))).to_have_accessible_name(re.compile("Unsubscribed"))
    assert statuses() == {"briefing": S.UNSUBSCRIBED, "explainer": S.CONFIRMED}

    # --- An issue of Explainer arrives; its List-Unsubscribe URL takes a cookie-less one-click POST (RFC 8058).
    issue = Issue.objects.create(
        newsletter=Subscription.objects.get(newsletter__slug="explainer").newsletter,
        subject="This week, explained",
        intro="<p>Hello.</p>",
    )
    sending.send_issue(issue.pk)
    newsletter_email = wait_for_mail(smtp_server, 3)
    assert newsletter_email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.search(r"<(http[^>]+)>", newsletter_email["List-Unsubscribe"]).group(1)
    assert one_click.startswith(live_server.url + "/newsletters/unsubscribe/")
    mail_client = chromium.new_context()  # a mail provider's server: no cookies, no CSRF token
    try:
        scanner = mail_client.request.get(one_click)  # a link scanner only looks
        assert scanner.ok and statuses()["explainer"] == S.CONFIRMED
        response = mail_client.request.post(one_click, form={"List-Unsubscribe": "One-Click"})
        assert response.ok, response.status
        assert mail_client.cookies() == []
    finally:
        mail_client.close()
    assert statuses() == {"briefing": S.UNSUBSCRIBED, "explainer": S.UNSUBSCRIBED}
    page.goto(preferences_url)
    for name in ("Briefing", "Explainer"):
        box = page.get_by_label(re.compile(f"^{name}"))
        expect(box).not_to_be_checked()
        expect(box).to_have_accessible_name(re.compile("Unsubscribed"))
