"""Podcast feeds (tags, enclosures, hostile input) and the admin (status, preview, re-narrate)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from lxml import etree

from masthead.narration.models import Narration
from masthead.narration.tests.conftest import make_article

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.fixture
def narrated(newsroom, tone_engine, django_capture_on_commit_callbacks):
    news, opinion = newsroom["sections"]
    with django_capture_on_commit_callbacks(execute=True):
        made = {"news": make_article(news, title="Bridge & road"), "opinion": make_article(opinion, title="A view")}
        make_article(news, title="In Ukrainian", language="uk")
    return made


def channel_of(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    return etree.fromstring(response.content).find("channel")


def test_site_podcast_feed_has_the_tags_podcast_apps_require(narrated, client):
    channel = channel_of(client.get("/narration/podcast.xml"))
    for tag in ("title", "link", "description", "language"):
        assert channel.findtext(tag)
    assert channel.find(f"{ITUNES}image").get("href").endswith("narration/podcast-cover.png")
    assert channel.find(f"{ITUNES}category").get("text") == "News"
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}author") and "@" in channel.findtext(f"{ITUNES}owner/{ITUNES}email")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["A view", "Bridge & road"]  # newest first, ready only
    for item in items:
        narration = Narration.objects.get(article__title=item.findtext("title"))
        enclosure = item.find("enclosure")
        assert enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length")) == narration.audio.size > 0
        assert enclosure.get("url") == settings.MASTHEAD_BASE_URL + narration.audio.url
        assert item.findtext("guid") and item.findtext("pubDate") and item.findtext("link")
        assert item.findtext(f"{ITUNES}duration").count(":") == 2
        assert client.get(enclosure.get("url")).status_code == 200


def test_section_podcast_feed_has_only_that_section(narrated, client):
    channel = channel_of(client.get("/narration/podcast/opinion.xml"))
    assert [item.findtext("title") for item in channel.findall("item")] == ["A view"]
    assert "Opinion" in channel.findtext("title")


def test_the_cover_image_is_square_and_large_enough():
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("narration/podcast-cover.png")) as image:
        assert image.size == (1400, 1400) and image.format == "PNG"


@pytest.mark.parametrize(
    "path",
    [
        "/narration/podcast/nope.xml",
        "/narration/podcast/..%2Fnews.xml",
        "/narration/podcast/news.rss",
        "/narration/podcast.xml/extra",
    ],
)
def test_feed_addresses_that_are_not_feeds_are_404(newsroom, client, path):
    assert client.get(path).status_code == 404


def test_feeds_refuse_writes(newsroom, client):
    response = client.post("/narration/podcast.xml")
    assert response.status_code in (403, 405)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=60))
@example("\x00")
def test_hostile_section_names_and_query_strings_never_fail(newsroom, client, junk):
    from urllib.parse import quote

    # A NUL byte anywhere in the address is refused up front as a bad request (core.middleware).
    expected = (400,) if "\x00" in junk else (200, 404)
    assert client.get(f"/narration/podcast/{quote(junk, safe='')}.xml").status_code in expected
    assert client.get("/narration/podcast.xml", {"page": junk, "section": junk}).status_code == expected[0]


@pytest.fixture
def editor(django_user_model, newsroom):
    """A Wagtail editor (the default Editors group: admin access, may publish pages)."""
    from wagtail.models import GroupPagePermission

    user = django_user_model.objects.create_user("ed", password="pw")
    group, _ = Group.objects.get_or_create(name="Newsdesk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=newsroom["home"], permission=Permission.objects.get(codename=permission)
        )
    user.groups.add(group)
    return user


def test_editors_see_status_preview_and_can_renarrate(narrated, editor, client, django_capture_on_commit_callbacks):
    client.force_login(editor)
    index = client.get("/admin/narrations/")
    assert index.status_code == 200
    html = index.content.decode()
    assert "Bridge &amp; road" in html and "ready" in html and "skipped: no voice for uk" in html
    narration = Narration.objects.get(article=narrated["news"])
    inspect = client.get(f"/admin/narrations/inspect/{narration.pk}/").content.decode()
    assert f'<audio controls preload="none" src="{narration.audio.url}"' in inspect and "Re-narrate" in inspect
    assert "The council met on Monday." in inspect  # the sentence timings
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/narrations/renarrate/{narration.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/admin/narrations/inspect/{narration.pk}/"
    before = narration.narrated_at
    narration.refresh_from_db()
    assert narration.status == "ready" and narration.attempts == 1 and narration.narrated_at > before  # anew
    editor_page = client.get(f"/admin/pages/{narrated['news'].pk}/edit/").content.decode()
    assert "Narration: ready" in editor_page and f"/admin/narrations/inspect/{narration.pk}/" in editor_page
    assert client.get(f"/admin/narrations/edit/{narration.pk}/").status_code in (302, 403)
    assert client.get("/admin/narrations/new/").status_code in (302, 403)


def test_renarrate_refuses_bad_requests(narrated, editor, django_user_model, client):
    narration = Narration.objects.get(article=narrated["news"])
    assert client.post(f"/admin/narrations/renarrate/{narration.pk}/").status_code == 302  # to the login
    client.force_login(editor)
    assert client.get(f"/admin/narrations/renarrate/{narration.pk}/").status_code == 405
    assert client.post("/admin/narrations/renarrate/999999/").status_code == 404
    assert client.post("/admin/narrations/renarrate/x/").status_code == 404
    assert client.get("/admin/narrations/inspect/999999/").status_code == 404
    assert client.get("/admin/narrations/", {"status": "<script>", "q": "' OR 1=1 --", "p": "x"}).status_code in (
        200,
        404,
    )
    skipped = Narration.objects.get(status="skipped")
    response = client.post(f"/admin/narrations/renarrate/{skipped.pk}/", follow=True)
    assert "skipped: no voice for uk" in response.content.decode()
    outsider = django_user_model.objects.create_user("reader", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    refused = client.post(f"/admin/narrations/renarrate/{narration.pk}/")  # Wagtail: "no permission" message
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Narration.objects.get(pk=narration.pk).updated_at == narration.updated_at


def test_editors_keep_the_pronunciation_lexicon(narrated, admin_client):
    response = admin_client.post(
        "/admin/snippets/narration/pronunciationentry/add/",
        {"term": "Sybiha", "spoken_as": "Si-bee-ha", "note": "Foreign minister"},
    )
    assert response.status_code == 302
    assert "Si-bee-ha" in admin_client.get("/admin/snippets/narration/pronunciationentry/").content.decode()
