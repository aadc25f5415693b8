"""Gutenberg blocks and classic content with shortcodes → the plain HTML the body converter maps."""

from dataclasses import dataclass

from hypothesis import example, given, settings
from hypothesis import strategies as st

from masthead.imports.gutenberg import Context, parse_blocks, plain_text, to_html, wpautop


@dataclass
class FakeAttachment:
    url: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


UPLOADS = "https://old.example/wp-content/uploads/2024/05/"
ATTACHMENTS = {
    "7": FakeAttachment(UPLOADS + "port.jpg", "Cranes at the port", "The port at dawn.", "Ana Ruiz / Agency"),
    "8": FakeAttachment(UPLOADS + "ship.jpg", "A ship", "A ship leaves."),
}


def context(**overrides):
    values = {"attachment": ATTACHMENTS.get, "gallery_ids": lambda: ["7", "8"]}
    values.update(overrides)
    return Context(**values)


def test_block_tree_nests_and_keeps_free_html():
    tree = parse_blocks(
        '<!-- wp:group --><div><!-- wp:paragraph {"dropCap":true} --><p>A</p><!-- /wp:paragraph --></div>'
        "<!-- /wp:group -->between<!-- wp:separator /-->"
    )
    group, free, separator = tree
    assert group.name == "core/group" and group.inner_blocks[0].attrs == {"dropCap": True}
    assert free == "between" and separator.name == "core/separator" and separator.parts == []


def test_paragraphs_headings_lists_lose_their_classes():
    html = to_html(
        '<!-- wp:paragraph {"className":"lead"} --><p class="lead has-text-color" style="color:red">One '
        '<a href="https://x.example/">link</a></p><!-- /wp:paragraph -->'
        '<!-- wp:heading {"level":3} --><h3 class="wp-block-heading" id="h">Three</h3><!-- /wp:heading -->'
        "<!-- wp:list --><ul><!-- wp:list-item --><li>a</li><!-- /wp:list-item --><!-- wp:list-item --><li>b</li>"
        "<!-- /wp:list-item --></ul><!-- /wp:list -->"
    )
    assert html == '<p>One <a href="https://x.example/">link</a></p>\n<h3>Three</h3>\n<ul><li>a</li><li>b</li></ul>'


def test_image_block_uses_the_original_file_and_credit():
    html = to_html(
        '<!-- wp:image {"id":7,"sizeSlug":"large"} --><figure class="wp-block-image size-large">'
        '<a href="https://old.example/?attachment_id=7"><img src="' + UPLOADS + 'port-1024x576.jpg" alt="" '
        'class="wp-image-7" srcset="x 1w"/></a><figcaption class="wp-element-caption">Dawn at <em>the port</em>'
        "</figcaption></figure><!-- /wp:image -->",
        context(),
    )
    assert html == (
        f'<figure><img src="{UPLOADS}port.jpg" alt="Cranes at the port"><figcaption>Dawn at <em>the port</em> '
        '<small class="credit">Ana Ruiz / Agency</small></figcaption></figure>'
    )


def test_image_block_without_a_known_attachment_keeps_its_address():
    html = to_html('<!-- wp:image --><figure><img src="https://cdn.example/a.png" alt="A"/></figure><!-- /wp:image -->')
    assert html == '<figure><img src="https://cdn.example/a.png" alt="A"></figure>'


def test_gallery_blocks_old_and_new():
    new = to_html(
        '<!-- wp:gallery --><figure class="wp-block-gallery has-nested-images">'
        '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="x" class="wp-image-7"/></figure>'
        '<!-- /wp:image --><!-- wp:image {"id":8} --><figure class="wp-block-image"><img src="y" alt="Ship"/>'
        '<figcaption>Going</figcaption></figure><!-- /wp:image --><figcaption class="blocks-gallery-caption">Both'
        "</figcaption></figure><!-- /wp:gallery -->",
        context(),
    )
    assert new.startswith('<figure class="gallery"><figure><img src="' + UPLOADS + 'port.jpg"')
    assert f'<figure><img src="{UPLOADS}ship.jpg" alt="Ship"><figcaption>Going</figcaption></figure>' in new
    assert new.endswith("<figcaption>Both</figcaption></figure>")
    old = to_html(
        '<!-- wp:gallery {"ids":[7,8]} --><figure class="wp-block-gallery"><ul class="blocks-gallery-grid">'
        '<li class="blocks-gallery-item"><figure><img src="x" data-id="7" class="wp-image-7"/>'
        '<figcaption class="blocks-gallery-item__caption">First</figcaption></figure></li>'
        '<li class="blocks-gallery-item"><figure><img src="y" data-id="8"/></figure></li></ul>'
        '<figcaption class="blocks-gallery-caption">All</figcaption></figure><!-- /wp:gallery -->',
        context(),
    )
    assert old.count("<img") == 2 and "<figcaption>First <small" in old
    assert old.endswith("<figcaption>All</figcaption></figure>") and "<li" not in old


def test_embed_quote_code_separator_table():
    html = to_html(
        '<!-- wp:embed {"url":"https://vimeo.com/1","type":"video"} --><figure class="wp-block-embed">'
        '<div class="wp-block-embed__wrapper">\nhttps://vimeo.com/1\n</div></figure><!-- /wp:embed -->'
        '<!-- wp:core-embed/twitter {"url":"https://twitter.com/a/status/1"} --><figure><div>'
        "https://twitter.com/a/status/1</div></figure><!-- /wp:core-embed/twitter -->"
        '<!-- wp:pullquote --><figure class="wp-block-pullquote"><blockquote><p>Said.</p><cite>Her</cite>'
        "</blockquote></figure><!-- /wp:pullquote -->"
        '<!-- wp:code --><pre class="wp-block-code"><code>a &lt; b</code></pre><!-- /wp:code -->'
        '<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->'
        '<!-- wp:table --><figure class="wp-block-table"><table><tbody><tr><td>1</td></tr></tbody></table>'
        "<figcaption>Figures</figcaption></figure><!-- /wp:table -->"
    )
    pieces = html.split("\n")
    assert pieces[0] == '<figure class="embed"><a href="https://vimeo.com/1">https://vimeo.com/1</a></figure>'
    assert pieces[1].startswith('<figure class="embed"><a href="https://twitter.com/a/status/1">')
    assert pieces[2] == "<blockquote><p>Said.</p><cite>Her</cite></blockquote>"
    assert pieces[3] == "<pre><code>a &lt; b</code></pre>"
    assert len(pieces) == 5  # the separator is decoration: dropped
    assert pieces[4] == "<table><caption>Figures</caption><tbody><tr><td>1</td></tr></tbody></table>"


def test_layout_blocks_keep_their_content_and_furniture_is_dropped():
    html = to_html(
        '<!-- wp:columns --><div class="wp-block-columns"><!-- wp:column --><div class="wp-block-column">'
        "<!-- wp:paragraph --><p>Left</p><!-- /wp:paragraph --></div><!-- /wp:column --><!-- wp:column -->"
        '<div class="wp-block-column"><!-- wp:paragraph --><p>Right</p><!-- /wp:paragraph --></div><!-- /wp:column -->'
        '</div><!-- /wp:columns --><!-- wp:latest-posts {"postsToShow":3} /--><!-- wp:spacer --><div style="h">'
        '</div><!-- /wp:spacer --><!-- wp:buttons --><div><!-- wp:button --><div class="wp-block-button">'
        '<a class="wp-block-button__link" href="https://give.example/">Donate</a></div><!-- /wp:button --></div>'
        "<!-- /wp:buttons -->"
    )
    assert html == '<p>Left</p>\n<p>Right</p>\n<p><a href="https://give.example/">Donate</a></p>'


def test_unknown_blocks_keep_their_inner_html():
    html = to_html('<!-- wp:acme/poll {"id":3} --><div class="acme-poll"><b>Vote</b></div><!-- /wp:acme/poll -->')
    assert html == '<div class="acme-poll"><b>Vote</b></div>'


def test_reusable_blocks_are_inlined_and_loops_end():
    blocks = {
        "50": "<!-- wp:paragraph --><p>Support our work.</p><!-- /wp:paragraph -->",
        "51": '<!-- wp:block {"ref":51} /-->',
    }
    assert to_html('<!-- wp:block {"ref":50} /-->', context(reusable_block=blocks.get)) == "<p>Support our work.</p>"
    assert to_html('<!-- wp:block {"ref":51} /-->', context(reusable_block=blocks.get)) == ""


def test_classic_content_gets_paragraphs_like_wordpress():
    assert wpautop("One\nline\n\nTwo") == "<p>One<br />\nline</p>\n<p>Two</p>"
    assert wpautop("<blockquote>Quoted</blockquote>\n\nAfter") == "<blockquote><p>Quoted</p></blockquote>\n<p>After</p>"
    assert wpautop("<h2>Head</h2>\nText") == "<h2>Head</h2>\n<p>Text</p>"
    assert wpautop("<pre>a\n\nb</pre>") == "<pre>a\n\nb</pre>"
    assert wpautop("<ul>\n<li>a</li>\n<li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_caption_shortcodes():
    linked = to_html(
        'Before.\n\n[caption id="attachment_7" align="alignnone" width="300"]<a href="https://old.example/p/">'
        '<img class="size-medium wp-image-7" src="' + UPLOADS + 'port-300x169.jpg" alt="Port" /></a> The port, '
        "<strong>early</strong>.[/caption]\n\nAfter.",
        context(),
    )
    assert linked == (
        f'<p>Before.</p>\n<figure><img src="{UPLOADS}port.jpg" alt="Port"><figcaption>The port, <strong>early'
        '</strong>. <small class="credit">Ana Ruiz / Agency</small></figcaption></figure>\n<p>After.</p>'
    )
    old_style = to_html('[caption caption="Old style"]<img src="https://a.example/x.jpg" alt="" />[/caption]')
    assert old_style == '<figure><img src="https://a.example/x.jpg" alt=""><figcaption>Old style</figcaption></figure>'
    assert to_html("[caption]Only words[/caption]") == "<p>Only words</p>"


def test_gallery_embed_and_media_shortcodes():
    gallery = to_html('[gallery ids="8,7,99"]', context())
    assert gallery.index("ship.jpg") < gallery.index("port.jpg") and gallery.count("<figure>") == 2
    assert "<figcaption>A ship leaves.</figcaption>" in gallery
    assert to_html("[gallery]", context()).count("<img") == 2  # this post's own attachments
    assert to_html("[embed]https://youtu.be/x[/embed]") == (
        '<figure class="embed"><a href="https://youtu.be/x">https://youtu.be/x</a></figure>'
    )
    bare = to_html("Watch:\n\nhttps://www.youtube.com/watch?v=abc\n\nhttps://example.com/not-embeddable")
    assert '<figure class="embed"><a href="https://www.youtube.com/watch?v=abc">' in bare
    assert "<p>https://example.com/not-embeddable</p>" in bare
    video = to_html('[video width="640" mp4="https://old.example/wp-content/uploads/clip.mp4"][/video]')
    assert video == '<p><a href="https://old.example/wp-content/uploads/clip.mp4">Video: clip.mp4</a></p>'
    assert to_html("[contact-form-7 id=3]") == "<p>[contact-form-7 id=3]</p>"  # other shortcodes stay as text


def test_freeform_block_inside_block_content_is_classic():
    html = to_html("<!-- wp:freeform -->First\n\nSecond<!-- /wp:freeform --><!-- wp:paragraph --><p>Third</p>")
    assert html == "<p>First</p>\n<p>Second</p>\n<p>Third</p>"


def test_plain_text():
    assert plain_text("<p>Tom &amp; Jerry&#8217;s\n  <em>day</em></p>") == "Tom & Jerry’s day"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<!-- wp:paragraph -->",
                "<!-- /wp:paragraph -->",
                '<!-- wp:image {"id":7} -->',
                "<!-- /wp:image -->",
                "<!-- wp:gallery -->",
                "<!-- /wp:gallery -->",
                '<!-- wp:block {"ref":1} /-->',
                "<!-- wp:embed {bad json} -->",
                "<figure><img src='x'>",
                "<figcaption>c",
                "[caption]",
                "[/caption]",
                "[gallery ids='7,x']",
                "<pre>",
                "</pre>",
                "\n\n",
                "<p>",
                "text",
                "<blockquote>",
            ]
        )
        | st.text(max_size=20),
        max_size=25,
    ).map("".join)
)
@example("<!-- wp:image --><figure><img></figure><!-- /wp:image -->")
@example("<!-- wp:embed --><figure><div></div></figure><!-- /wp:embed -->")
def test_any_content_becomes_html_without_error(content):
    result = to_html(content, context(reusable_block=lambda ref: '<!-- wp:block {"ref":1} /-->'))
    assert isinstance(result, str)
    assert "<!-- /wp:" not in result  # every closing delimiter is consumed, even unmatched ones
