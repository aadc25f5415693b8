"""The Ghost parser alone (no database): the real export's records, Lexical/Mobiledoc rendering, and bad input."""

import json

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.imports.errors import ExportError
from masthead.imports.ghost import GhostParser, lexical_to_html, mobiledoc_to_html
from masthead.imports.tests.conftest import GHOST_EXPORT, GHOST_IMAGES, GHOST_MEMBERS, ghost_data

EXPORT_BYTES = GHOST_EXPORT.read_bytes()


def text_of(html):
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())


def test_records_from_the_real_export():
    parser = GhostParser(GHOST_EXPORT, images_dir=GHOST_IMAGES, members_csv=GHOST_MEMBERS)
    assert parser.version == "5.130.6" and parser.post_count == 13
    posts = list(parser.posts())
    assert [p.kind for p in posts].count("page") == 1
    assert {p.status for p in posts} == {"published", "draft", "scheduled"}
    harbour = next(p for p in posts if p.slug == "harbour-dredging-project-delayed")
    assert len(harbour.author_ids) == 2
    assert harbour.feature_image.local_path.name == "harbour_o.jpg"  # the original Ghost kept, not its recompression
    assert harbour.feature_image.caption == "The harbour channel at low tide. (Illustration)"
    assert all(p.published_at.tzinfo is not None for p in posts if p.published_at)
    people = list(parser.people())
    assert {p.slug for p in people} == {"dana", "samir-okafor", "lena-kowalczyk"}
    assert not any("password" in repr(p).lower() or "$2" in repr(p) for p in people)  # no hashes cross over
    assert "redacted" not in repr(parser.__dict__)  # the old site's keys are forgotten after the scan
    members = list(parser.members())
    assert len(members) == 15 and sum(not m.subscribed for m in members) == 3
    assert all(len(m.newsletter_ids) == 2 for m in members if m.subscribed)
    redirects = {r.old_path for r in parser.redirects()}
    assert {"/rss/", "/tag/local/", "/author/dana/"} <= redirects and "/tag/hash-featured/" not in redirects


def test_lexical_renders_what_ghost_rendered():
    """For every post, the HTML made from Lexical says what Ghost's own HTML says, card for card."""
    for post in ghost_data()["posts"]:
        ours = lexical_to_html(post["lexical"])
        assert text_of(ours) == text_of(post["html"]), post["slug"]
        theirs = lxml.html.fragment_fromstring(post["html"], create_parent="div")
        mine = lxml.html.fragment_fromstring(ours, create_parent="div")
        assert [e.tag for e in mine] == [e.tag for e in theirs], post["slug"]
        assert [i.get("src") for i in mine.iter("img")] == [i.get("src") for i in theirs.iter("img")]
        assert [a.get("href") for a in mine.iter("a")] == [a.get("href") for a in theirs.iter("a")]


def test_mobiledoc_of_ghost_4():
    doc = {
        "version": "0.3.1",
        "markups": [["a", ["href", "https://example.org/"]], ["strong"]],
        "atoms": [],
        "cards": [["image", {"src": "/content/images/2021/01/x.jpg", "caption": "A <b>caption</b>"}]],
        "sections": [
            [1, "h2", [[0, [], 0, "Heading"]]],
            [1, "p", [[0, [1], 1, "Bold"], [0, [], 0, " and "], [0, [0], 1, "a link"]]],
            [10, 0],
            [3, "ul", [[[0, [], 0, "one"]], [[0, [], 0, "two"]]]],
        ],
    }
    html = mobiledoc_to_html(json.dumps(doc))
    assert html == (
        '<h2>Heading</h2><p><strong>Bold</strong> and <a href="https://example.org/">a link</a></p>'
        '<figure class="kg-card kg-image-card"><img src="/content/images/2021/01/x.jpg" alt="">'
        "<figcaption>A <b>caption</b></figcaption></figure><ul><li>one</li><li>two</li></ul>"
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=len(EXPORT_BYTES) - 2))
def test_a_truncated_export_is_refused_whole(tmp_path, cut):
    export = tmp_path / "export.json"
    export.write_bytes(EXPORT_BYTES[:cut])
    with pytest.raises(ExportError) as caught:
        GhostParser(export)
    assert "\n" not in str(caught.value)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_anything_else_is_refused_in_one_line(tmp_path, content):
    export = tmp_path / "export.json"
    export.write_bytes(content)
    with pytest.raises(ExportError) as caught:
        GhostParser(export)
    assert "\n" not in str(caught.value) and str(caught.value)


def test_a_missing_file_and_a_members_csv_without_emails(tmp_path):
    with pytest.raises(ExportError, match="Cannot read"):
        GhostParser(tmp_path / "nowhere.json")
    members = tmp_path / "members.csv"
    members.write_text("name,note\nAda,hello\n")
    with pytest.raises(ExportError, match="not Ghost's members CSV"):
        GhostParser(GHOST_EXPORT, members_csv=members)
