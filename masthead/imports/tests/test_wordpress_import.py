"""``manage.py import_wordpress`` with the real WordPress 6.1.9 export and uploads, into a fresh site.

The export is imported once for the module, inside a transaction rolled back at the end (as Django's TestCase
does for class-wide data); each test runs in a savepoint within it. Tests that need an empty site are in
test_wordpress_command.py.
"""

import csv
import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from masthead.images.models import CreditedImage
from masthead.imports.models import ImportedObject, ImportRun
from masthead.imports.tests.test_wordpress_parser import EXPORT, UPLOADS, WORDPRESS
from masthead.imports.wordpress import WordPressExport
from masthead.newsroom.models import ArticlePage, Author, InfoPage, SectionPage

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]


def import_wordpress(*args, export=EXPORT, uploads=UPLOADS):
    out = io.StringIO()
    options = ["--uploads", str(uploads)] if uploads else []
    call_command("import_wordpress", str(export), *options, "--no-progress", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def old_urls():
    lines = [line for line in (WORDPRESS / "old-urls.txt").read_text().splitlines() if not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def published_posts():
    return [post for post in WordPressExport(EXPORT, UPLOADS).posts() if post.status == "published"]


def follow_once(client, path):
    """The old address's answer and, for a redirect, the answer of where it leads."""
    first = client.get(path)
    if first.status_code not in (301, 302):
        return first, None
    return first, client.get(first["Location"])


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("wordpress-media")


@pytest.fixture(autouse=True)
def _imported_media(settings, media_root):
    settings.MEDIA_ROOT = media_root  # where the module's import stored its images


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker, media_root):
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        yield import_wordpress()
        transaction.set_rollback(True)


def body_of(article, kind):
    return [block.value for block in article.body if block.block_type == kind]


def test_every_published_post_is_a_live_article_with_its_parts(imported, db):
    for post in published_posts():
        if post.kind == "page":
            continue
        article = ArticlePage.objects.get(slug=post.slug)
        assert article.live and article.title == post.title
        assert article.first_published_at == post.published_at
        assert article.standfirst == post.excerpt
        assert [link.author.name for link in article.article_authors.all()] == [
            {"dana": "Dana Whitfield", "samir": "Samir Okafor", "lena": "Lena Kowalczyk"}[post.author_ids[0]]
        ]
        assert article.hero_image is not None and article.hero_image.file
        assert article.hero_caption == post.feature_image.caption
        assert article.hero_image.description == post.feature_image.alt
    harbour = ArticlePage.objects.get(slug="harbour-dredging-project-delayed")
    assert harbour.get_parent().title == "Environment"
    assert sorted(harbour.tags.names()) == ["Harbour", "Local"]
    assert set(SectionPage.objects.values_list("title", flat=True)) == {"Environment", "Local", "Transport", "World"}
    assert set(Author.objects.values_list("slug", flat=True)) == {"dana-whitfield", "samir-okafor", "lena-kowalczyk"}


def test_bodies_become_blocks_with_images_captions_galleries_and_embeds(imported, db):
    school = ArticlePage.objects.get(slug="school-board-approves-new-science-wing")
    [lab] = body_of(school, "image")
    assert lab["image"].file.name.endswith(".jpg")
    assert lab["caption"] == "A model of one of the planned laboratories, shown at the board meeting. (Illustration)"
    harbour = ArticlePage.objects.get(slug="harbour-dredging-project-delayed")  # a classic [caption] shortcode
    [survey] = body_of(harbour, "image")
    assert survey["caption"] == "The survey vessel at work in the outer channel. (Illustration)"
    assert len(body_of(harbour, "paragraph")) == 5 and len(body_of(harbour, "pull_quote")) == 1
    market = ArticlePage.objects.get(slug="farmers-market-moves-to-riverside-park")
    [gallery] = body_of(market, "gallery")
    assert len(gallery["images"]) == 3
    cycle = ArticlePage.objects.get(slug="new-cycle-lanes-open-on-station-road")
    [embed] = body_of(cycle, "embed")
    assert embed["url"].url == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    # The link to another imported story points at its new address.
    bus = ArticlePage.objects.get(slug="regional-bus-network-adds-night-routes")
    linked = "".join(block.value.source for block in cycle.body if block.block_type == "paragraph")
    assert "127.0.0.1:8082" not in linked and (f'id="{bus.pk}"' in linked or bus.url in linked)
    assert CreditedImage.objects.count() == 14  # every attachment, each stored once


def test_statuses_pages_and_what_is_left_behind(imported, db):
    draft = ArticlePage.objects.get(slug="council-budget-hearing-preview")
    assert not draft.live
    scheduled = ArticlePage.objects.get(slug="millbrook-half-marathon-route")
    assert not scheduled.live and scheduled.go_live_at.isoformat() == "2026-12-13T17:09:37+00:00"
    about = InfoPage.objects.get(slug="about")
    assert about.live and about.title == "About"
    assert not Page.objects.filter(slug="privacy-policy").exists()  # WordPress's own draft template
    assert not Author.objects.filter(slug="admin").exists()


def test_every_old_address_answers_301_to_a_page_that_answers_200(imported, db, client):
    checked = 0
    for _kind, _status, _extra, answer, pretty, query, query_answer, _id, _title in old_urls():
        for url, old_answer in ((pretty, answer), (query, query_answer.split(" ")[0])):
            first, final = follow_once(client, path_of(url))
            if old_answer in ("200", "301") and first.status_code == 200:
                assert "?" not in url and client.get(path_of(url)).context["page"].url == path_of(url), url
                checked += 1  # the new address is the old one (/about/)
            elif old_answer in ("200", "301"):
                assert first.status_code == 301, (url, first.status_code)
                assert final.status_code == 200, (url, first["Location"], final.status_code)
                checked += 1
            else:  # drafts and scheduled posts had no public page: still none, and never an error
                # Drafts and scheduled posts had no public page: still none (a 404 there, or the home page for a
                # query form, as before), and never an error.
                assert first.status_code in (200, 301, 404), url
                assert final is None or final.status_code == 404, url
    assert checked >= 45
    for path in ("/feed/", "/category/local/feed/", "/tag/buses/feed/", "/author/lena-kowalczyk/feed/", "/?p=12"):
        first, final = follow_once(client, path)
        assert first.status_code == 301 and final.status_code == 200, path
    story = ArticlePage.objects.get(slug="millbrook-library-extends-weekend-hours")
    first = client.get("/?p=4&utm_source=newsletter")
    assert first.status_code == 301 and first["Location"] == story.url
    assert client.get("/?p=999999").status_code == 200  # not an old address: the home page as before


def test_redirects_are_wagtail_redirects_editors_can_see(imported, db):
    redirect = Redirect.objects.get(old_path="/2026/10/22/millbrook-library-extends-weekend-hours")
    assert redirect.redirect_page.specific.title == "Millbrook library extends weekend opening hours"
    assert redirect.is_permanent
    assert Redirect.objects.filter(old_path="/?p=4").exists()


def test_running_again_changes_nothing(imported, db):
    counts = (
        Page.objects.count(),
        Redirect.objects.count(),
        CreditedImage.objects.count(),
        Revision.objects.count(),
        ImportedObject.objects.count(),
    )
    latest = {page.pk: page.latest_revision_created_at for page in Page.objects.all()}
    summary = import_wordpress()
    assert "created" in summary
    run = ImportRun.objects.latest("pk")
    assert all(set(counts) <= {"unchanged"} for counts in _nonzero(run.summary).values()), run.summary
    assert (
        Page.objects.count(),
        Redirect.objects.count(),
        CreditedImage.objects.count(),
        Revision.objects.count(),
        ImportedObject.objects.count(),
    ) == counts
    assert {page.pk: page.latest_revision_created_at for page in Page.objects.all()} == latest


def _nonzero(summary):
    return {kind: {key for key, value in counts.items() if value} for kind, counts in summary.items()}
