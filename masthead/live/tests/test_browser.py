"""An editor posts an entry; a reader's open page announces it and shows it on request; no-JS still works."""

import re

import pytest
from playwright.sync_api import expect

from masthead.live.factories import add_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password-1"


def test_an_entry_reaches_an_open_page_within_15_seconds(live_server, chromium, live_page, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    reader = chromium.new_context(viewport={"width": 375, "height": 800}).new_page()
    reader.goto(live_server.url + live_page.url)
    expect(reader.locator(".live-entry")).to_have_count(2)
    expect(reader.get_by_role("button", name=re.compile("Show"))).to_be_hidden()

    editor = chromium.new_context().new_page()
    editor.set_default_timeout(15_000)
    editor.goto(live_server.url + "/admin/login/")
    editor.get_by_label("Username").fill("editor")
    editor.get_by_label("Password").fill(PASSWORD)
    editor.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    editor.wait_for_url(re.compile(r"/admin/$"))
    editor.goto(live_server.url + live_page.url)
    editor.get_by_role("link", name="Add an entry").click()
    editor.get_by_label("Headline").fill("Third seat declared")
    editor.get_by_label("Text").fill("The coast went to the challenger by 312 votes.")
    editor.get_by_role("button", name="Post entry").click()
    expect(editor.get_by_text("Third seat declared").first).to_be_visible()

    status = reader.get_by_role("status")
    expect(status).to_have_text("1 new update available.", timeout=15_000)
    expect(reader.locator(".live-entry")).to_have_count(2)  # nothing jumps in until the reader asks
    reader.get_by_role("button", name="Show 1 new update").click()
    expect(reader.locator(".live-entry")).to_have_count(3)
    first = reader.locator(".live-entry").first
    expect(first).to_contain_text("Third seat declared")
    expect(first).to_be_focused()
    expect(reader.get_by_role("button", name=re.compile("Show"))).to_be_hidden()
    editor.context.close()
    reader.context.close()


def test_the_page_works_without_javascript(live_server, chromium, live_page):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + live_page.url)
    expect(page.locator(".live-entry")).to_have_count(2)
    expect(page.get_by_role("heading", name="Key events")).to_be_visible()
    refresh = page.get_by_role("link", name="Refresh for the latest updates")
    expect(refresh).to_be_visible()
    entry = live_page.test_entries[0]
    page.goto(live_server.url + live_page.url + f"#entry-{entry.pk}")
    expect(page.locator(f"#entry-{entry.pk}")).to_be_in_viewport()
    refresh.click()
    expect(page.locator(".live-entry")).to_have_count(2)
    context.close()


def test_an_edited_or_deleted_entry_changes_on_an_open_page(live_server, chromium, live_page):
    reader = chromium.new_context(viewport={"width": 375, "height": 800}).new_page()
    reader.goto(live_server.url + live_page.url)
    entries = reader.locator(".live-entry")
    expect(entries).to_have_count(2)
    turnout, result = live_page.test_entries

    turnout.headline = "Turnout was a record"
    turnout.save()
    expect(reader.locator(f"#entry-{turnout.pk}")).to_contain_text("Turnout was a record", timeout=15_000)
    result.delete()
    expect(entries).to_have_count(1, timeout=15_000)
    expect(reader.locator(f"#entry-{result.pk}")).to_have_count(0)
    expect(reader.get_by_role("button", name=re.compile("Show"))).to_be_hidden()  # nothing new to show
    reader.context.close()


def test_an_entry_edited_before_the_reader_shows_it_is_shown_as_edited(live_server, chromium, live_page):
    reader = chromium.new_context().new_page()
    reader.goto(live_server.url + live_page.url)
    entry = add_entry(live_page, "The count resumes at midnight.", headline="Count paused")
    expect(reader.get_by_role("status")).to_have_text("1 new update available.", timeout=15_000)
    entry.headline = "Count resumed"
    entry.save()
    # The next poll (asked for now, as when the tab comes back) replaces the waiting copy.
    with reader.expect_response(lambda response: "/updates/" in response.url and response.status == 200) as poll:
        reader.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert [edit["id"] for edit in poll.value.json()["edited"]] == [entry.pk]
    reader.get_by_role("button", name="Show 1 new update").click()
    expect(reader.locator(".live-entry").first).to_contain_text("Count resumed")
    reader.context.close()
