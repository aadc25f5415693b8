"""Importing the real Ghost 5.130 export: every post, image, caption, author, tag, member and old address."""

import json
import subprocess
import sys
from datetime import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from masthead.core.testing import tasks_setting
from masthead.images.models import CreditedImage
from masthead.imports.ghost import parse_time
from masthead.imports.models import ImportedObject, ImportRun, ImportWarning
from masthead.imports.tests.conftest import GHOST_DIR, GHOST_EXPORT, ghost_data, import_ghost
from masthead.newsletters.models import Newsletter, Subscriber, Subscription, Suppression
from masthead.newsroom.models import ArticlePage, Author, InfoPage

pytestmark = [pytest.mark.django_db, pytest.mark.db_sensitive]


def by_id(rows):
    return {row["id"]: row for row in rows}


def rows_of(table, post):
    return sorted((row for row in table if row["post_id"] == post["id"]), key=lambda row: row["sort_order"])


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Author, Tag, CreditedImage, Redirect, Subscriber, Subscription, Suppression, Newsletter)
    }


def test_every_published_post_is_a_live_article_with_its_image_caption_authors_and_tags(ghost_site):
    data = ghost_data()
    users, tags, meta = by_id(data["users"]), by_id(data["tags"]), {m["post_id"]: m for m in data["posts_meta"]}
    posts = [post for post in data["posts"] if post["type"] == "post"]
    assert len(posts) == 12
    for post in posts:
        article = ArticlePage.objects.get(slug=post["slug"])
        assert article.title == post["title"]
        assert article.live is (post["status"] == "published")
        if post["status"] != "published":
            continue
        assert article.first_published_at == parse_time(post["published_at"])
        assert article.standfirst == post["custom_excerpt"]
        links = rows_of(data["posts_authors"], post)
        assert [a.name for a in article.authors] == [users[row["author_id"]]["name"] for row in links]
        tagged = rows_of(data["posts_tags"], post)
        public = {tags[row["tag_id"]]["name"] for row in tagged if tags[row["tag_id"]]["visibility"] == "public"}
        assert set(article.tags.names()) == public
        assert article.hero_image is not None
        assert article.hero_image.description == meta[post["id"]]["feature_image_alt"]
        assert article.hero_caption == strip_tags(meta[post["id"]]["feature_image_caption"])
        assert article.hero_image.file.name.endswith(post["feature_image"].rsplit("/", 1)[1].replace(".jpg", "_o.jpg"))
        words = " ".join(text for text in article.narration_text_blocks())
        assert post["plaintext"].split("\n")[0][:60] in words  # the body came across, starting where Ghost's does
    harbour = ArticlePage.objects.get(slug="harbour-dredging-project-delayed")
    assert [a.name for a in harbour.authors] == ["Lena Kowalczyk", "Samir Okafor"]  # the primary author first


def test_internal_tags_are_skipped_and_secrets_never_imported(ghost_site):
    assert not Tag.objects.filter(name__startswith="#").exists()
    assert Tag.objects.count() == 7
    assert not Author.objects.filter(bio__contains="$2").exists()
    staff = Author.objects.get(slug="samir-okafor")
    assert staff.bio == "Transport and business reporter." and staff.email == "samir.okafor@example.com"


def test_drafts_and_scheduled_posts(ghost_site):
    draft = ArticlePage.objects.get(slug="council-budget-hearing-preview")
    assert not draft.live and draft.go_live_at is None
    scheduled = ArticlePage.objects.get(slug="millbrook-half-marathon-route")
    post = next(p for p in ghost_data()["posts"] if p["slug"] == scheduled.slug)
    assert not scheduled.live and scheduled.go_live_at == parse_time(post["published_at"])
    assert scheduled.latest_revision.approved_go_live_at == scheduled.go_live_at  # Wagtail will publish it then


def test_bodies_become_blocks_with_images_cards_and_links_to_the_new_pages(ghost_site):
    school = ArticlePage.objects.get(slug="school-board-approves-new-science-wing")
    image = next(block for block in school.body if block.block_type == "image")
    caption = "A model of one of the planned laboratories, shown at the board meeting. (Illustration)"
    assert image.value["caption"] == caption
    assert image.value["image"].description == "Model of a school laboratory with benches"
    assert [b.value for b in school.body if b.block_type == "subheading"] == ["Timetable"]

    market = ArticlePage.objects.get(slug="farmers-market-moves-to-riverside-park")
    card = next(block for block in market.body if block.block_type == "link_card")
    assert card.value["url"] == "https://example.org/markets/riverside-guide"
    assert card.value["title"] == "Riverside Park market: stall map and parking"
    assert card.value["publisher"] == "Market organisers"

    bus = ArticlePage.objects.get(slug="regional-bus-network-adds-night-routes")
    for slug in ("water-rates-to-rise-next-year", "new-cycle-lanes-open-on-station-road"):
        article = ArticlePage.objects.get(slug=slug)
        raw = json.dumps(list(article.body.raw_data))
        assert "__GHOST_URL__" not in raw and "127.0.0.1:2368" not in raw
        assert f'linktype=\\"page\\" id=\\"{bus.pk}\\"' in raw  # the link follows the article wherever it moves
    assert not ImportWarning.objects.filter(kind__in=["missing_image", "bad_record"]).exists()


def test_the_page_and_the_newsletters(ghost_site):
    about = InfoPage.objects.get(slug="about")
    assert about.live and about.body[0].block_type == "image"
    assert {n.name for n in Newsletter.objects.all()} == {"The Daily Herald", "Weekend Edition"}


def test_rerun_changes_nothing(ghost_site):
    before = counts()
    bodies = dict(ArticlePage.objects.values_list("pk", "body"))
    output = import_ghost()
    assert counts() == before
    assert dict(ArticlePage.objects.values_list("pk", "body")) == bodies
    run = ImportRun.objects.first()
    assert run.summary["article"] == {"unchanged": 12}
    assert all(set(kinds) == {"unchanged"} for kinds in run.summary.values()), run.summary
    assert "article                 0        0         12        0" in output


def test_a_changed_post_is_updated_and_nothing_else(ghost_site, tmp_path):
    document = json.loads(GHOST_EXPORT.read_text())
    post = next(p for p in document["db"][0]["data"]["posts"] if p["slug"] == "water-rates-to-rise-next-year")
    post["title"] = "Water rates to rise by 3 per cent"
    changed = tmp_path / "export.json"
    changed.write_text(json.dumps(document))
    before = counts()
    import_ghost(changed)
    assert counts() == before
    assert ArticlePage.objects.get(slug="water-rates-to-rise-next-year").title == "Water rates to rise by 3 per cent"
    assert ImportRun.objects.first().summary["article"] == {"updated": 1, "unchanged": 11}


def test_dry_run_writes_nothing_and_reports_what_it_would_do(db, settings):
    before = counts()
    output = import_ghost(GHOST_EXPORT, "--dry-run")
    assert counts() == before and not ImportRun.objects.exists() and not ImportedObject.objects.exists()
    assert output.startswith("Dry run (nothing written)")
    assert "article                12        0          0        0" in output


def test_old_ghost_addresses_answer_301_to_a_page_that_answers_200(ghost_site, client):
    lines = [line.split("\t") for line in (GHOST_DIR / "old-urls.txt").read_text().splitlines() if line.strip()]
    checked = 0
    for parts in lines:
        url = next((part for part in parts if part.startswith("http")), None)
        status = next((part for part in parts if part.strip() in ("200", "404")), None)
        if url is None or status != "200":
            continue
        path = url.replace("http://127.0.0.1:2368", "")
        response = client.get(path)
        if path == "/about/":  # the page kept its address
            assert response.status_code == 200
            continue
        assert response.status_code == 301, path
        final = client.get(response["Location"], follow=True)
        assert final.status_code == 200, (path, response["Location"])
        checked += 1
    for path in ("/rss/", "/tag/local/rss/", "/author/dana/"):
        response = client.get(path)
        assert response.status_code == 301 and client.get(response["Location"], follow=True).status_code == 200
    assert checked == 20  # 10 posts, 7 public tags, 3 authors (the about page kept its address)
    assert client.get("/council-budget-hearing-preview/").status_code == 404  # a draft had no public address
    assert client.get("/tag/hash-featured/").status_code == 404


def test_members_become_confirmed_subscribers_and_unsubscribed_ones_suppressions(ghost_site):
    assert not mail.outbox  # an import writes to no one
    rows = (GHOST_DIR / "members.csv").read_text().splitlines()[1:]
    subscribed = {row.split(",")[1] for row in rows if row.split(",")[4] == "true"}
    unsubscribed = {row.split(",")[1] for row in rows if row.split(",")[4] == "false"}
    assert len(subscribed) == 12 and len(unsubscribed) == 3
    confirmed = Subscription.objects.filter(status=Subscription.Status.CONFIRMED)
    assert set(confirmed.values_list("subscriber__address", flat=True)) == subscribed
    assert confirmed.count() == 24  # both newsletters take new members in Ghost (subscribe_on_signup)
    consent = confirmed.first().consent_text
    today = datetime.now().strftime("%Y-%m-%d")
    assert consent == f"imported from Ghost on {today} (member since 2026-12-01)"
    assert set(Suppression.objects.values_list("address", flat=True)) == unsubscribed


def test_suppressed_members_receive_nothing_when_an_issue_is_sent(ghost_site, smtp_server, settings):
    from masthead.newsletters import sending
    from masthead.newsletters.models import Issue

    settings.TASKS = tasks_setting("django_tasks.backends.immediate.ImmediateBackend")
    newsletter = Newsletter.objects.get(slug="daily-herald")
    issue = Issue.objects.create(newsletter=newsletter, subject="First issue from the new home", latest_count=2)
    sending.send_issue(issue.pk)
    received = {message["To"] for message in smtp_server.messages}
    assert received == set(
        Subscription.objects.filter(newsletter=newsletter).values_list("subscriber__address", flat=True)
    )
    assert len(received) == 12 and not received & set(Suppression.objects.values_list("address", flat=True))


def test_a_bad_record_is_reported_by_source_id_and_skipped(db, tmp_path):
    document = json.loads(GHOST_EXPORT.read_text())
    post = next(p for p in document["db"][0]["data"]["posts"] if p["slug"] == "water-rates-to-rise-next-year")
    post.update(title="", custom_excerpt=None, html="", lexical=None)  # nothing to show: no headline, no text
    broken = tmp_path / "export.json"
    broken.write_text(json.dumps(document))
    output = import_ghost(broken, members=False)
    assert ArticlePage.objects.count() == 11
    warning = ImportWarning.objects.get(kind="bad_record")
    assert warning.source_id == post["id"] and "article skipped" in warning.message
    assert post["id"] in output or "bad_record" in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html>not json</html>", "is not a JSON file"),
        (b'{"db": [{"meta": {"version": "2.1.0"}, "data": {"posts": []}}]}', "comes from Ghost 2.1.0"),
        (b'{"posts": []}', "not a Ghost export"),
        (None, "truncated"),
    ],
)
def test_bad_input_is_one_clear_line_and_writes_nothing(db, tmp_path, content, message):
    export = tmp_path / "export.json"
    export.write_bytes(content if content is not None else GHOST_EXPORT.read_bytes()[:60_000])
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_ghost", str(export), "--no-progress")
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert counts() == before and not ImportRun.objects.exists()


def test_bad_input_exits_non_zero_without_a_traceback(tmp_path):
    export = tmp_path / "export.json"
    export.write_bytes(GHOST_EXPORT.read_bytes()[:5000])
    env = {"MASTHEAD_VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", "import_ghost", str(export)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "truncated" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cyrillic_slugs_keep_their_old_addresses(db, tmp_path, client):
    document = json.loads(GHOST_EXPORT.read_text())
    data = document["db"][0]["data"]
    post = next(p for p in data["posts"] if p["slug"] == "water-rates-to-rise-next-year")
    post["slug"] = "тарифи-на-воду"
    tag = next(t for t in data["tags"] if t["slug"] == "business")
    tag.update(slug="бізнес", name="Бізнес")
    changed = tmp_path / "export.json"
    changed.write_text(json.dumps(document, ensure_ascii=False))
    import_ghost(changed, members=False)
    article = ArticlePage.objects.get(slug="тарифи-на-воду")
    for old in ("/тарифи-на-воду/", "/%D1%82%D0%B0%D1%80%D0%B8%D1%84%D0%B8-%D0%BD%D0%B0-%D0%B2%D0%BE%D0%B4%D1%83/"):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"].endswith(article.url.split("/")[-2] + "/")
        assert client.get(response["Location"], follow=True).status_code == 200
    assert Tag.objects.get(name="Бізнес").slug.isascii()  # tag addresses take ASCII slugs
    response = client.get("/tag/бізнес/")
    assert response.status_code == 301 and client.get(response["Location"], follow=True).status_code == 200


def test_a_failed_post_leaves_no_stale_memory_of_what_it_made(db, tmp_path, settings):
    """The bad post's feature image was made and rolled back with it: a later post using it must make it again."""
    document = json.loads(GHOST_EXPORT.read_text())
    posts = document["db"][0]["data"]["posts"]
    bad = next(p for p in posts if p["slug"] == "millbrook-library-extends-weekend-hours")
    bad.update(title="", custom_excerpt=None, html="", lexical=None)
    twin = next(p for p in posts if p["slug"] == "regional-bus-network-adds-night-routes")
    twin["feature_image"] = bad["feature_image"]
    changed = tmp_path / "export.json"
    changed.write_text(json.dumps(document))
    import_ghost(changed, members=False)
    article = ArticlePage.objects.get(slug=twin["slug"])
    assert article.hero_image is not None and article.hero_image.file.name == "original_images/library_o.jpg"
    assert ImportRun.objects.get().summary["image"]["created"] == CreditedImage.objects.count()
    stored = list((settings.MEDIA_ROOT / "original_images").iterdir())
    assert len(stored) == CreditedImage.objects.count()  # the rolled-back image left no file behind


def test_section_map_and_default_section(db):
    import_ghost(GHOST_EXPORT, "--section-map", "local=Local news", "--default-section", "Elsewhere", members=False)
    local = ArticlePage.objects.get(slug="millbrook-library-extends-weekend-hours")  # primary tag: Local
    assert local.get_parent().title == "Local news"
    other = ArticlePage.objects.get(slug="regional-bus-network-adds-night-routes")  # primary tag: Transport
    assert other.get_parent().title == "Elsewhere"


def test_canonical_url_and_narration_only_when_asked(db, tmp_path, client):
    from django_tasks_db.models import DBTaskResult

    document = json.loads(GHOST_EXPORT.read_text())
    post = next(p for p in document["db"][0]["data"]["posts"] if p["slug"] == "water-rates-to-rise-next-year")
    post["canonical_url"] = "https://partner.example/water-rates"
    changed = tmp_path / "export.json"
    changed.write_text(json.dumps(document))
    import_ghost(changed, members=False)
    assert not DBTaskResult.objects.filter(task_path__endswith="narrate_article").exists()
    assert DBTaskResult.objects.filter(task_path__endswith="reindex_articles").count() == 1  # one bulk index
    article = ArticlePage.objects.get(slug="water-rates-to-rise-next-year")
    html = client.get(article.url).content.decode()
    assert '<link rel="canonical" href="https://partner.example/water-rates">' in html
    import_ghost(changed, "--narrate", members=False)  # nothing changed: nothing to narrate
    assert not DBTaskResult.objects.filter(task_path__endswith="narrate_article").exists()
    post["title"] = "Water rates to rise by 3 per cent"
    changed.write_text(json.dumps(document))
    import_ghost(changed, "--narrate", members=False)
    assert DBTaskResult.objects.filter(task_path__endswith="narrate_article").count() == 1
