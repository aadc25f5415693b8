"""Body HTML → StreamField blocks, for Ghost's card markup and the shapes the WordPress parser hands over."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from masthead.imports.body import Link, html_to_blocks

IMPORTED = {"/other-story/": Link(url="/news/other-story/", page_id=42, is_article=True)}


def resolve_link(url):
    path = url.replace("__GHOST_URL__", "")
    return IMPORTED.get(path, Link(url=url))


def resolve_image(record):
    if "missing" in record.source_url:
        return None
    return SimpleNamespace(pk=len(record.source_url))


def blocks(html):
    return html_to_blocks(html, resolve_link=resolve_link, resolve_image=resolve_image)


def test_paragraphs_headings_lists_and_inline_links():
    result = blocks(
        '<p>One <strong>bold</strong> <a href="https://example.org/" class="x" onclick="evil()">link</a>.</p>'
        '<h3 id="x">A <em>heading</em></h3><ul><li>a</li><li>b</li></ul>'
        '<p>See <a href="__GHOST_URL__/other-story/">the other story</a> too.</p>'
    )
    assert result == [
        ("paragraph", '<p>One <b>bold</b> <a href="https://example.org/">link</a>.</p>'),
        ("subheading", "A heading"),
        ("paragraph", "<ul><li>a</li><li>b</li></ul>"),
        ("paragraph", '<p>See <a linktype="page" id="42">the other story</a> too.</p>'),
    ]


def test_a_lone_link_to_an_imported_article_becomes_a_related_article():
    assert blocks('<p><a href="/other-story/">Read: the other story</a></p>') == [
        ("related_article", {"article": 42, "excerpt": ""})
    ]
    assert blocks('<p><a href="https://elsewhere.example/">Elsewhere</a></p>')[0][0] == "paragraph"


def test_images_with_captions_and_credits_and_galleries():
    image = blocks(
        '<figure class="kg-card kg-image-card"><img src="/a.jpg" alt="A"><figcaption>Caption '
        '<small class="credit">Photo: Ada</small></figcaption></figure>'
    )
    assert image == [("image", {"image": 6, "caption": "Caption"})]
    gallery = blocks(
        '<figure class="gallery"><figure><img src="/one.jpg"><figcaption>One</figcaption></figure>'
        '<figure><img src="/twooo.jpg"></figure><figcaption>The market</figcaption></figure>'
    )
    kind, value = gallery[0]
    assert kind == "gallery" and value["caption"] == "The market"
    assert [item["value"] for item in value["images"]] == [{"image": 8, "caption": "One"}, {"image": 10, "caption": ""}]
    assert blocks('<figure><img src="/missing.jpg"><figcaption>Gone</figcaption></figure>') == []


def test_quotes_code_embeds_bookmarks_and_the_rest():
    assert blocks("<blockquote><p>Words.</p><cite>Someone</cite></blockquote>") == [
        ("pull_quote", {"quote": "Words.", "attribution": "Someone"})
    ]
    assert blocks('<pre><code class="language-python">print(1)\n</code></pre>') == [
        ("code", {"code": "print(1)", "language": "python"})
    ]
    assert blocks('<figure class="embed"><a href="https://youtu.be/x">https://youtu.be/x</a></figure>') == [
        ("embed", {"url": "https://youtu.be/x", "title": ""})
    ]
    card = blocks(
        '<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://example.org/g">'
        '<div class="kg-bookmark-title">Guide</div><div class="kg-bookmark-description">About</div>'
        '<span class="kg-bookmark-publisher">Org</span></a></figure>'
    )
    assert card == [
        ("link_card", {"url": "https://example.org/g", "title": "Guide", "description": "About", "publisher": "Org"})
    ]
    raw = blocks(
        '<table><tr><td onclick="x()">1</td></tr></table><script>alert(1)</script><div class="kg-callout-card">Hi</div>'
    )
    assert [kind for kind, _ in raw] == ["raw_html", "raw_html"]
    assert "onclick" not in raw[0][1] and "<td>1</td>" in raw[0][1] and "alert" not in "".join(v for _, v in raw)


def test_loose_text_between_blocks_is_kept_as_paragraphs():
    assert blocks("Hello <b>there</b><h2>Next</h2>tail text") == [
        ("paragraph", "<p>Hello <b>there</b></p>"),
        ("subheading", "Next"),
        ("paragraph", "<p>tail text</p>"),
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcpfiguremhq12&;")), max_size=200))
def test_any_markup_becomes_known_blocks_without_error(html):
    known = {
        "paragraph",
        "subheading",
        "image",
        "gallery",
        "pull_quote",
        "embed",
        "code",
        "link_card",
        "raw_html",
        "related_article",
    }
    for kind, value in blocks(html):
        assert kind in known
        if kind in ("paragraph", "raw_html"):
            assert "<script" not in value
