"""The WXR parser against the real WordPress 6.1.9 export in ../shared/migration/wordpress (never edited)."""

import csv
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from masthead.imports.errors import ExportError
from masthead.imports.tests.conftest import MIGRATION_DIR
from masthead.imports.wordpress import WordPressExport, php_string_value

WORDPRESS = MIGRATION_DIR / "wordpress"
EXPORT = WORDPRESS / "export.xml"
UPLOADS = WORDPRESS / "uploads"


def old_urls():
    """Rows of old-urls.txt: kind, status, visibility, answer, pretty URL, query URL, query answer, id, title."""
    lines = [line for line in (WORDPRESS / "old-urls.txt").read_text().splitlines() if not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


def path_of(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@pytest.fixture(scope="module")
def export():
    return WordPressExport(EXPORT, UPLOADS)


@pytest.fixture(scope="module")
def posts(export):
    return {post.source_id: post for post in export.posts()}


def test_channel(export):
    assert export.old_base_url == "http://127.0.0.1:8082"
    assert export.site_title == "The Millbrook Herald"
    assert export.wxr_version == "1.2"
    assert export.post_count == 11  # 8 published, a draft, a scheduled post, the About page


def test_people_are_the_authors_with_posts(export):
    people = {person.source_id: person for person in export.people()}
    assert set(people) == {"dana", "samir", "lena"}  # WordPress's "admin" wrote nothing
    assert people["dana"].name == "Dana Whitfield"
    assert people["dana"].slug == "dana-whitfield"
    assert people["lena"].email == "lena.kowalczyk@example.com"


def test_categories_become_sections_and_tags_stay_tags(export):
    terms = list(export.terms())
    sections = {term.slug: term for term in terms if term.kind == "section"}
    assert set(sections) == {"environment", "local", "transport", "world"}  # not the empty "Uncategorized"
    assert sections["local"].name == "Local"
    tags = {term.source_id: term.slug for term in terms if term.kind == "tag"}
    assert {"buses", "harbour", "library", "markets", "schools", "weather"} <= set(tags.values())
    # A post's second category is kept as a tag of the same name (harbour: Environment + Local).
    assert tags["category-tag:2"] == "local"
    assert len({term.source_id for term in terms}) == len(terms)


def test_statuses_titles_and_dates(posts):
    by_status = {}
    for post in posts.values():
        by_status.setdefault((post.kind, post.status), []).append(post.source_id)
    assert {key: len(ids) for key, ids in by_status.items()} == {
        ("article", "published"): 8,
        ("article", "draft"): 1,
        ("article", "scheduled"): 1,
        ("page", "published"): 1,
    }
    assert posts["18"].title == "Saturday farmers’ market moves to Riverside Park"
    assert posts["35"].status == "scheduled"
    assert posts["35"].published_at.isoformat() == "2026-12-13T17:09:37+00:00"
    assert posts["4"].updated_at.isoformat() == "2026-12-01T20:09:36+00:00"
    assert posts["33"].slug == "council-budget-hearing-preview"
    assert posts["4"].excerpt.startswith("From next month the central library")
    assert posts["37"].kind == "page" and posts["37"].slug == "about"


def test_every_post_has_its_author_section_and_tags(posts):
    harbour = posts["10"]
    assert harbour.author_ids == ["lena"]
    assert harbour.section_id == "category:4"  # Environment (first of its categories; no SEO primary category)
    assert harbour.tag_ids == ["tag:8", "category-tag:2"]
    assert posts["4"].section_id == "category:2" and posts["4"].tag_ids == ["tag:6"]
    assert posts["37"].section_id is None


def test_featured_images_come_from_the_uploads_folder(posts):
    published = [post for post in posts.values() if post.status == "published"]
    assert all(post.feature_image for post in published)
    library = posts["4"].feature_image
    assert library.local_path == UPLOADS / "2026/10/library.jpg"
    assert library.caption == "The main reading room at Millbrook Library. (Illustration)"
    assert library.alt == "Reading room of Millbrook Library"
    assert all(post.feature_image.local_path.is_file() for post in published)


def test_without_uploads_images_are_only_addresses():
    post = next(post for post in WordPressExport(EXPORT).posts() if post.source_id == "4")
    assert post.feature_image.local_path is None
    assert post.feature_image.source_url == "http://127.0.0.1:8082/wp-content/uploads/2026/10/library.jpg"


def test_bodies_are_plain_html(posts):
    school = posts["14"].html
    assert "<!-- wp:" not in school and "wp-block" not in school
    assert (
        '<figure><img src="http://127.0.0.1:8082/wp-content/uploads/2026/11/lab.jpg" '
        'alt="Model of a school laboratory with benches"><figcaption>A model of one of the planned laboratories, '
        "shown at the board meeting. (Illustration)</figcaption></figure>"
    ) in school
    assert "<h2>Timetable</h2>" in school
    bus = posts["7"].html
    assert "<ul><li>N2: Market Square to Oakfield via Hill Road</li>" in bus and "<h3>Fares and tickets</h3>" in bus


def test_classic_posts_get_paragraphs_and_caption_figures(posts):
    harbour = posts["10"].html
    assert harbour.startswith("<p>Plans to deepen the channel")
    assert harbour.count("<p>") == 6  # five paragraphs and the one inside the quote
    assert "<blockquote><p>“It is better to take the time now" in harbour
    assert (
        '<figure><img src="http://127.0.0.1:8082/wp-content/uploads/2026/11/survey.jpg" '
        'alt="Small survey boat in a harbour channel"><figcaption>The survey vessel at work in the outer channel. '
        "(Illustration)</figcaption></figure>"
    ) in harbour
    assert "[caption" not in harbour and "<br" not in harbour


def test_gallery_and_embed(posts):
    market = posts["18"].html
    assert market.count("<figure>") == 3 and '<figure class="gallery">' in market
    assert 'alt="Stall: apples"' in market
    caption = "Three of the stalls that will move to the park. (Illustrations)"
    assert market.endswith(f"<figcaption>{caption}</figcaption></figure>")
    assert "&#8212;" not in market and "—" in market
    cycle = posts["27"].html
    assert (
        '<figure class="embed"><a href="https://www.youtube.com/watch?v=aqz-KE-bpKQ">'
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ</a><figcaption>Video: a ride along the new lanes (embedded)."
        "</figcaption></figure>"
    ) in cycle
    assert 'href="http://127.0.0.1:8082/2026/10/27/regional-bus-network-adds-night-routes/"' in cycle


def test_body_images_resolve_to_attachments(export):
    lab = export.image_for("http://127.0.0.1:8082/wp-content/uploads/2026/11/lab-300x169.jpg")
    assert lab.local_path == UPLOADS / "2026/11/lab.jpg"  # a resized copy leads to the original
    assert lab.alt == "Lab model (inline)"  # the attachment's own alt text (the post's markup has its own)
    assert export.image_for("https://elsewhere.example/picture.jpg") is None
    stray = export.image_for("http://127.0.0.1:8082/wp-content/uploads/2026/09/about-150x150.jpg")
    assert stray.local_path == UPLOADS / "2026/09/about.jpg"


def test_every_old_post_address_is_kept(posts):
    for kind, _status, _visibility, answer, pretty, query, _query_answer, source_id, _title in old_urls():
        if kind not in ("post", "page"):
            continue
        urls = posts[source_id].old_urls
        assert path_of(query) in urls
        if answer == "200":
            assert path_of(pretty) in urls and urls[0] == path_of(pretty)


def test_every_other_old_address_has_a_redirect(export):
    redirects = {redirect.old_path: redirect for redirect in export.redirects()}
    expected = {"category": "term", "tag": "term", "author": "person"}
    for kind, _status, _role, _answer, pretty, query, _query_answer, _source_id, title in old_urls():
        if kind not in expected:
            continue
        for url in (pretty, query):
            redirect = redirects[path_of(url)]
            if title in ("Uncategorized", "admin"):  # WordPress's own, not imported: readers go home
                assert redirect.target_kind == "home"
            else:
                assert redirect.target_kind == expected[kind], url
    assert redirects["/feed/"].target_kind == "feed"
    assert redirects["/category/local/"].target_id == "category:2"
    assert redirects["/?author=2"].target_id == "dana"
    # An attachment's own page leads to its post.
    assert redirects["/2026/11/01/harbour-dredging-project-delayed/survey-vessel/"].target_id == "10"


def test_the_first_read_reports_its_progress_in_bytes():
    read = []
    WordPressExport(EXPORT, progress=read.append)
    assert sum(read) == EXPORT.stat().st_size and len(read) > 1


def test_reading_twice_gives_the_same_records(export):
    assert list(export.posts()) == list(export.posts())


def test_php_serialized_credit_is_read_by_bytes():
    meta = 'a:1:{s:10:"image_meta";a:2:{s:6:"credit";s:13:"Zoë / Agency";s:7:"caption";s:0:"";}}'
    assert php_string_value(meta, "credit") == "Zoë / Agency"
    assert php_string_value(meta, "camera") == ""
    assert php_string_value("not serialized", "credit") == ""


# Bad input: one clear line, never a traceback.


def write(tmp_path, content, name="export.xml"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def assert_one_line_error(path, words):
    with pytest.raises(ExportError) as raised:
        WordPressExport(path)
    message = str(raised.value)
    assert "\n" not in message and words in message, message


def test_not_xml(tmp_path):
    assert_one_line_error(write(tmp_path, '{"db": []}'), "is not an XML file")
    assert_one_line_error(write(tmp_path, b""), "is not an XML file")
    assert_one_line_error(write(tmp_path, bytes(range(256))), "is not an XML file")


def test_xml_but_not_wxr(tmp_path):
    assert_one_line_error(write(tmp_path, "<html><body>hi</body></html>"), "not a WordPress export")
    feed = '<rss version="2.0"><channel><title>A feed</title><item><title>x</title></item></channel></rss>'
    assert_one_line_error(write(tmp_path, feed), "not a WordPress export")


def test_unknown_wxr_version(tmp_path):
    newer = EXPORT.read_text().replace("http://wordpress.org/export/1.2/", "http://wordpress.org/export/2.0/")
    assert_one_line_error(write(tmp_path, newer), "unknown version")


def test_truncated_export(tmp_path):
    data = EXPORT.read_bytes()
    assert_one_line_error(write(tmp_path, data[: len(data) // 2]), "incomplete or damaged")
    assert_one_line_error(write(tmp_path, data[: data.rindex(b"</channel>")]), "incomplete or damaged")


def test_missing_file(tmp_path):
    assert_one_line_error(tmp_path / "nowhere.xml", "Cannot read")
    assert_one_line_error(tmp_path, "Cannot read")


def test_entities_are_not_expanded(tmp_path):
    """An export is untrusted: no external entities (XXE), no entity bombs."""
    secret = write(tmp_path, "top secret", "secret.txt")
    data = EXPORT.read_text()
    doctype = f'<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>'
    data = data.replace("<rss ", doctype + "\n<rss ", 1).replace("Local news for Millbrook", "&leak;")
    data = data.replace("<title><![CDATA[Millbrook library extends", "<title>&leak;<![CDATA[Millbrook library extends")
    export = WordPressExport(write(tmp_path, data))
    assert all("top secret" not in post.title for post in export.posts())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=EXPORT.stat().st_size - 20))
@example(cut=0)
def test_any_truncation_is_a_clear_error(tmp_path, cut):
    data = EXPORT.read_bytes()[:cut]
    with pytest.raises(ExportError) as raised:
        WordPressExport(write(tmp_path, data, f"cut-{cut}.xml"))
    assert "\n" not in str(raised.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@example(data=b"<?xml version='1.0'?><rss xmlns:wp='http://wordpress.org/export/1.2/'><channel/></rss>")
def test_any_bytes_parse_or_fail_clearly(tmp_path, data):
    path = write(tmp_path, data, "random.xml")
    try:
        export = WordPressExport(path)
    except ExportError as error:
        assert "\n" not in str(error)
        return
    for generator in (export.people, export.terms, export.posts, export.redirects):
        list(generator())


# Streaming: a large export is never held in memory.

BIG_EXPORT_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    from masthead.imports.wordpress import WordPressExport
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    export = WordPressExport(sys.argv[1])
    count = sum(1 for post in export.posts())
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(count, (after - before) // 1024)
    """
)


def big_export(path, posts, body_size):
    """A WXR like WordPress writes it, with ``posts`` posts of ``body_size`` characters each."""
    head, rest = EXPORT.read_text().split("<item>", 1)
    paragraph = "<!-- wp:paragraph -->\n<p>" + "Words of a long archive story. " * (body_size // 31) + "</p>\n"
    with path.open("w") as out:
        out.write(head)
        for number in range(1, posts + 1):
            out.write(
                f"<item><title>Story {number}</title><link>http://127.0.0.1:8082/2020/01/01/story-{number}/</link>"
                f"<dc:creator><![CDATA[dana]]></dc:creator>"
                f"<content:encoded><![CDATA[{paragraph}<!-- /wp:paragraph -->]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{1000 + number}</wp:post_id>"
                f"<wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt><wp:post_name>story-{number}</wp:post_name>"
                f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f'<category domain="category" nicename="local"><![CDATA[Local]]></category></item>\n'
            )
        out.write("</channel></rss>\n")


def test_a_large_export_is_read_as_a_stream(tmp_path):
    path = tmp_path / "big.xml"
    big_export(path, posts=4000, body_size=20_000)  # about 80 MB
    assert path.stat().st_size > 75_000_000
    result = subprocess.run(
        [sys.executable, "-c", BIG_EXPORT_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    count, grown_mb = map(int, result.stdout.split())
    assert count == 4000
    assert grown_mb < 40, f"reading an 80 MB export grew the process by {grown_mb} MB"
