"""Editors manage a live page's entries from its own admin screen; every change is in Wagtail's history."""

import pytest
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from masthead.live.models import LiveEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")
    client.force_login(user)
    return user


def history(entry):
    return list(ModelLogEntry.objects.filter(object_id=str(entry.pk)).order_by("pk").values_list("action", "user"))


def test_quick_add_posts_an_entry_logged_with_its_editor(client, editor, live_page, newsroom):
    url = f"/admin/live/{live_page.pk}/entries/"
    screen = client.get(url)
    assert screen.status_code == 200 and "Add an entry" in screen.content.decode()
    response = client.post(
        url,
        {"headline": "Recount", "text": "A recount was asked for.\n\nIt starts at dawn.", "is_key_event": "on"},
    )
    assert response.status_code == 302
    entry = LiveEntry.objects.get(headline="Recount")
    assert [block.block_type for block in entry.body] == ["paragraph", "paragraph"]
    assert entry.is_key_event and entry.page_id == live_page.pk
    assert history(entry) == [("wagtail.create", editor.pk)]
    assert "Recount" in client.get(live_page.url).content.decode()


def test_quick_add_without_text_is_a_400_with_a_message(client, editor, live_page):
    response = client.post(f"/admin/live/{live_page.pk}/entries/", {"headline": "Empty", "text": "  \n\n "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode() or "Write the update" in response.content.decode()
    assert not LiveEntry.objects.filter(headline="Empty").exists()


def test_edit_pin_and_delete_are_each_logged(client, editor, live_page):
    entry = live_page.test_entries[0]
    data = nested_form_data(
        {
            "posted_at": "2026-11-05 21:30",
            "headline": "Turnout record",
            "body": streamfield([("paragraph", rich_text("<p>Turnout was the highest since 1992.</p>"))]),
            "is_key_event": "",
        }
    )
    response = client.post(f"/admin/live/entries/{entry.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry.refresh_from_db()
    assert entry.headline == "Turnout record" and "1992" in entry.body[0].value.source
    assert client.post(f"/admin/live/entries/{entry.pk}/pin/").status_code == 302
    entry.refresh_from_db()
    assert entry.is_key_event
    assert client.get(f"/admin/live/entries/{entry.pk}/delete/").status_code == 200
    assert client.post(f"/admin/live/entries/{entry.pk}/delete/").status_code == 302
    assert not LiveEntry.objects.filter(pk=entry.pk).exists()
    assert [action for action, _ in history(entry)] == ["wagtail.edit", "live.pin", "wagtail.delete"]


def test_someone_who_cannot_edit_the_page_cannot_touch_its_entries(client, django_user_model, live_page):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", "reader@example.org", "a-long-test-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    entry = live_page.test_entries[0]
    assert client.get(f"/admin/live/{live_page.pk}/entries/").status_code in (302, 403)
    assert client.post(f"/admin/live/entries/{entry.pk}/delete/").status_code in (302, 403)
    assert LiveEntry.objects.filter(pk=entry.pk).exists()


def test_the_page_editor_links_to_the_entries_screen(client, editor, live_page, newsroom):
    html = client.get(f"/admin/pages/{live_page.pk}/edit/").content.decode()
    assert f"/admin/live/{live_page.pk}/entries/" in html
    article = newsroom["articles"][0]
    assert "/admin/live/" not in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()


def test_quick_add_takes_any_text_and_stores_it_escaped(client, editor, live_page):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    url = f"/admin/live/{live_page.pk}/entries/"

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200))
    def post(text):
        response = client.post(url, {"text": text, "headline": text[:50]})
        assert response.status_code in (302, 400)
        if response.status_code == 302:
            entry = LiveEntry.objects.order_by("-pk").first()
            assert "<script" not in str(entry.body.render_as_block()).lower()

    post()
    assert client.post(url, {"text": "<script>alert(1)</script>"}).status_code == 302
    page_html = client.get(live_page.url).content.decode()
    assert "<script>alert(1)" not in page_html and "&lt;script&gt;alert(1)" in page_html
