"""What real WordPress sites have that the test export does not: SEO plugins, child categories, escaped titles,
percent-encoded slugs, private and protected posts, zero dates, attachments after their post, other post types."""

import io

import pytest
from django.core.management import call_command

from masthead.imports.wordpress import WordPressExport
from masthead.newsroom.models import ArticlePage


def wxr(items, version="1.2", extra_channel=""):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
  <title>Port &amp; Town News</title>
  <link>https://news.example.org/blog</link>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>https://news.example.org</wp:base_site_url>
  <wp:base_blog_url>https://news.example.org/blog</wp:base_blog_url>
  <wp:author><wp:author_id>7</wp:author_id><wp:author_login><![CDATA[mira]]></wp:author_login>
    <wp:author_email><![CDATA[mira@example.org]]></wp:author_email>
    <wp:author_display_name><![CDATA[Mira O&#039;Neil]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>20</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename>
    <wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
  <wp:category><wp:term_id>21</wp:term_id><wp:category_nicename><![CDATA[port-harbour]]></wp:category_nicename>
    <wp:category_parent><![CDATA[news]]></wp:category_parent>
    <wp:cat_name><![CDATA[Port &amp; Harbour]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>30</wp:term_id><wp:tag_slug><![CDATA[%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8]]></wp:tag_slug>
    <wp:tag_name><![CDATA[Новости]]></wp:tag_name></wp:tag>
  {extra_channel}
  {items}
</channel>
</rss>
"""


def item(post_id, *, title="A post", status="publish", post_type="post", slug=None, content="<p>Words.</p>",
         meta=None, terms="", date_gmt="2024-05-01 09:30:00", creator="mira", link=None, password="", parent="0",
         excerpt="", attachment_url=""):  # fmt: skip
    metas = "".join(
        f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key><wp:meta_value><![CDATA[{value}]]></wp:meta_value>"
        "</wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    slug = f"post-{post_id}" if slug is None else slug
    link = link or f"https://news.example.org/blog/2024/05/01/{slug}/"
    return f"""<item><title>{title}</title><link>{link}</link><dc:creator><![CDATA[{creator}]]></dc:creator>
    <guid isPermaLink="false">https://news.example.org/blog/?p={post_id}</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id><wp:post_date><![CDATA[2024-05-01 11:30:00]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt><wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[{status}]]></wp:status><wp:post_parent>{parent}</wp:post_parent>
    <wp:post_type><![CDATA[{post_type}]]></wp:post_type><wp:post_password><![CDATA[{password}]]></wp:post_password>
    <wp:attachment_url><![CDATA[{attachment_url}]]></wp:attachment_url>{terms}{metas}</item>"""


SEO = {
    "_yoast_wpseo_title": "%%title%% %%sep%% %%sitename%%",
    "_yoast_wpseo_metadesc": "What the port&#8217;s new cranes mean for %%sitename%%.",
    "_yoast_wpseo_primary_category": "21",
    "_yoast_wpseo_canonical": "https://partner.example.com/original-story/",
    "_thumbnail_id": "90",
}
CATEGORIES = (
    '<category domain="category" nicename="news"><![CDATA[News]]></category>'
    '<category domain="category" nicename="port-harbour"><![CDATA[Port &amp; Harbour]]></category>'
    '<category domain="post_tag" nicename="%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8"><![CDATA[Новости]]></category>'
)
CREDIT_META = 'a:1:{s:10:"image_meta";a:1:{s:6:"credit";s:17:"Jo Lens / Agence ";}}'
ITEMS = "".join(
    [
        item(
            10,
            title="<![CDATA[Tom &amp; Jerry&#8217;s cranes]]>",
            slug="%d0%ba%d1%80%d0%b0%d0%bd%d1%8b",
            meta=SEO,
            terms=CATEGORIES,
            content='<!-- wp:block {"ref":50} /--><!-- wp:paragraph --><p>Body.</p><!-- /wp:paragraph -->',
            excerpt="A <em>short</em> excerpt &amp; more.",
        ),
        item(11, title="Private notes", status="private"),
        item(12, title="Members only", password="secret"),
        item(13, title="Unsaved draft", status="draft", date_gmt="0000-00-00 00:00:00", slug=""),
        item(14, title="Binned", status="trash"),
        item(15, title="Menu entry", post_type="nav_menu_item"),
        item(16, title="A product", post_type="product"),
        item(17, title="Revision", status="inherit", post_type="revision", parent="10"),
        item(18, title="Ghostwritten", creator="someone-not-in-the-channel"),
        item(50, title="Donate box", post_type="wp_block", content="<!-- wp:paragraph --><p>Give.</p>"),
        # The featured image's attachment comes after its post, as it does when it was uploaded later.
        item(
            90,
            title="Cranes",
            status="inherit",
            post_type="attachment",
            parent="10",
            excerpt="The new cranes.",
            attachment_url="https://news.example.org/blog/wp-content/uploads/2024/05/cranes.jpg",
            meta={"_wp_attached_file": "2024/05/cranes.jpg", "_wp_attachment_image_alt": "Two cranes",
                  "_wp_attachment_metadata": CREDIT_META},
            link="https://news.example.org/blog/2024/05/01/%d0%ba%d1%80%d0%b0%d0%bd%d1%8b/cranes/",
        ),
    ]
)  # fmt: skip


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "site.xml"
    path.write_text(wxr(ITEMS))
    return WordPressExport(path)


def posts_of(export):
    return {post.source_id: post for post in export.posts()}


def test_titles_slugs_and_seo_fields(export):
    post = posts_of(export)["10"]
    assert post.title == "Tom & Jerry’s cranes"
    assert post.slug == "краны"
    assert post.meta_title == "Tom & Jerry’s cranes – Port & Town News"
    assert post.meta_description == "What the port’s new cranes mean for Port & Town News."
    assert post.canonical_url == "https://partner.example.com/original-story/"
    assert post.excerpt == "A short excerpt & more."
    assert post.html == "<p>Give.</p>\n<p>Body.</p>"  # the reusable block inlined


def test_primary_category_child_path_and_escaped_names(export):
    post = posts_of(export)["10"]
    assert post.section_id == "category:21"  # Yoast's primary category, not the first one
    assert post.tag_ids == ["tag:30", "category-tag:20"]
    terms = {term.source_id: term for term in export.terms()}
    assert terms["category:21"].name == "Port & Harbour" and terms["category:21"].kind == "section"
    assert terms["tag:30"].slug == "новости"
    redirects = {redirect.old_path: redirect for redirect in export.redirects()}
    assert redirects["/blog/category/news/port-harbour/"].target_id == "category:21"
    assert redirects["/blog/tag/новости/"].target_id == "tag:30"
    assert redirects["/blog/2024/05/01/краны/cranes/"].target_id == "10"  # the blog lives under /blog
    people = {person.source_id: person for person in export.people()}
    assert people["mira"].name == "Mira O'Neil" and people["mira"].slug == "mira-oneil"


def test_featured_image_from_a_later_attachment_with_its_credit(export):
    image = posts_of(export)["10"].feature_image
    assert image.source_url == "https://news.example.org/blog/wp-content/uploads/2024/05/cranes.jpg"
    assert (image.caption, image.alt, image.credit) == ("The new cranes.", "Two cranes", "Jo Lens / Agence")


def test_private_protected_and_unsaved_posts_are_drafts_and_others_are_left(export):
    posts = posts_of(export)
    assert set(posts) == {"10", "11", "12", "13", "18"}
    assert posts["11"].status == posts["12"].status == posts["13"].status == "draft"
    assert posts["13"].published_at is None and posts["13"].slug == "unsaved-draft"
    assert posts["18"].author_ids == []  # an author the export does not describe: the importer warns
    assert posts["10"].old_urls == ["/blog/2024/05/01/краны/", "/blog/?p=10"]
    assert export.post_count == 5


def test_older_wxr_versions_read_the_same(tmp_path):
    path = tmp_path / "old.xml"
    path.write_text(wxr(ITEMS, version="1.1"))
    post = posts_of(WordPressExport(path))["10"]
    assert post.excerpt == "A short excerpt & more." and post.title == "Tom & Jerry’s cranes"


@pytest.mark.django_db
@pytest.mark.db_sensitive
def test_imported_with_its_unicode_slug_seo_title_and_section(tmp_path):
    path = tmp_path / "site.xml"
    path.write_text(wxr(ITEMS))
    call_command("import_wordpress", str(path), "--no-progress", stdout=io.StringIO())
    article = ArticlePage.objects.get(slug="краны")
    assert article.live and article.seo_title == "Tom & Jerry’s cranes – Port & Town News"
    assert article.get_parent().title == "Port & Harbour"
    assert sorted(article.tags.names()) == ["News", "Новости"]
    assert not ArticlePage.objects.get(title="Members only").live
    assert not ArticlePage.objects.filter(title__in=["Binned", "Menu entry", "A product", "Revision"]).exists()


@pytest.mark.django_db
@pytest.mark.db_sensitive
def test_section_map_and_default_section_take_categories(tmp_path):
    uncategorized = item(
        20, title="Filed nowhere", terms='<category domain="category" nicename="uncategorized">Uncategorized</category>'
    )
    path = tmp_path / "site.xml"
    path.write_text(wxr(ITEMS + uncategorized))
    call_command(
        "import_wordpress",
        str(path),
        "--no-progress",
        "--section-map",
        "port-harbour=Maritime",
        "--default-section",
        "Briefs",
        stdout=io.StringIO(),
    )
    assert ArticlePage.objects.get(slug="краны").get_parent().title == "Maritime"
    assert ArticlePage.objects.get(title="Filed nowhere").get_parent().title == "Briefs"
