"""Strict checks for what Masthead publishes: the sitemaps.org schemas, the W3C feed validator's main rules
for RSS 2.0 and Atom 1.0, and JSON Feed 1.1. Each raises AssertionError with the reason."""

import json
import re
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import jsonschema
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$"
)
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE = re.compile(r"^https?://[^\s/]+")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
RELATIVE_ATTR = re.compile(r'\s(?:src|href)="/(?!/)')


def _schema(name):
    # The sitemap schema processes other namespaces strictly, so the news schema is imported alongside it.
    if name == "sitemap.xsd":
        wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <xsd:import namespace="{SITEMAP_NS}" schemaLocation="{(SCHEMAS / "sitemap.xsd").as_uri()}"/>
          <xsd:import namespace="{NEWS_NS}" schemaLocation="{(SCHEMAS / "sitemap-news.xsd").as_uri()}"/>
        </xsd:schema>"""
        return etree.XMLSchema(etree.fromstring(wrapper.encode()))
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def validate_xml(content: bytes, schema_name: str):
    document = etree.fromstring(content)
    schema = _schema(schema_name)
    assert schema.validate(document), schema.error_log
    return document


def validate_sitemap(content: bytes):
    document = validate_xml(content, "sitemap.xsd")
    locations = document.findall(f"{{{SITEMAP_NS}}}url/{{{SITEMAP_NS}}}loc")
    assert len(locations) <= 50_000
    for loc in locations:
        assert ABSOLUTE.match(loc.text), loc.text
    return document


def validate_sitemap_index(content: bytes):
    document = validate_xml(content, "siteindex.xsd")
    for loc in document.findall(f"{{{SITEMAP_NS}}}sitemap/{{{SITEMAP_NS}}}loc"):
        assert ABSOLUTE.match(loc.text), loc.text
    return document


def _text(element, path, namespaces=None):
    found = element.find(path, namespaces)
    assert found is not None and (found.text or "").strip(), f"missing <{path}>"
    return found.text.strip()


def validate_rss(content: bytes):
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    root = etree.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        _text(channel, name)
    assert ABSOLUTE.match(_text(channel, "link"))
    self_link = channel.find(f"{{{ATOM_NS}}}link[@rel='self']")
    assert self_link is not None and ABSOLUTE.match(self_link.get("href")), "atom:link rel=self missing"
    if channel.find("language") is not None:
        assert LANGUAGE.match(_text(channel, "language")), "bad <language>"
    if channel.find("lastBuildDate") is not None:
        assert RFC822.match(_text(channel, "lastBuildDate"))
    guids = []
    for item in channel.findall("item"):
        assert item.find("title") is not None or item.find("description") is not None
        assert ABSOLUTE.match(_text(item, "link"))
        pub_date = _text(item, "pubDate")
        assert RFC822.match(pub_date), pub_date
        parsedate_to_datetime(pub_date)
        guids.append(_text(item, "guid"))
        for enclosure in item.findall("enclosure"):
            assert ABSOLUTE.match(enclosure.get("url"))
            assert enclosure.get("length", "").isdigit() and enclosure.get("type")
        for html in [item.find("description"), item.find(f"{{{CONTENT_NS}}}encoded")]:
            if html is not None and html.text:
                assert not RELATIVE_ATTR.search(html.text), "relative link inside an item"
        assert item.find("author") is None or "@" in item.find("author").text, "RSS <author> must be an email"
    assert len(guids) == len(set(guids)), "guids are not unique"
    return parsed


def validate_atom(content: bytes):
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    ns = {"a": ATOM_NS}
    root = etree.fromstring(content)
    assert root.tag == f"{{{ATOM_NS}}}feed"
    _text(root, "a:id", ns)
    if root.get("{http://www.w3.org/XML/1998/namespace}lang") is not None:
        assert LANGUAGE.match(root.get("{http://www.w3.org/XML/1998/namespace}lang")), "bad xml:lang"
    _text(root, "a:title", ns)
    assert RFC3339.match(_text(root, "a:updated", ns))
    self_link = root.find("a:link[@rel='self']", ns)
    assert self_link is not None and ABSOLUTE.match(self_link.get("href"))
    feed_has_author = root.find("a:author/a:name", ns) is not None
    ids = []
    for entry in root.findall("a:entry", ns):
        ids.append(_text(entry, "a:id", ns))
        _text(entry, "a:title", ns)
        assert RFC3339.match(_text(entry, "a:updated", ns))
        if entry.find("a:published", ns) is not None:
            assert RFC3339.match(_text(entry, "a:published", ns))
        alternate = entry.find("a:link[@rel='alternate']", ns)
        assert alternate is not None and ABSOLUTE.match(alternate.get("href"))
        assert feed_has_author or entry.find("a:author/a:name", ns) is not None, "entry without author"
        for link in entry.findall("a:link", ns):
            assert ABSOLUTE.match(link.get("href"))
        for html in entry.findall("a:content", ns) + entry.findall("a:summary", ns):
            assert not RELATIVE_ATTR.search(html.text or ""), "relative link inside an entry"
    assert len(ids) == len(set(ids)), "entry ids are not unique"
    return parsed


def validate_json_feed(content: bytes):
    document = json.loads(content)
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    jsonschema.validate(document, schema)
    ids = [item["id"] for item in document["items"]]
    assert len(ids) == len(set(ids)), "item ids are not unique"
    for item in document["items"]:
        assert not RELATIVE_ATTR.search(item.get("content_html", "")), "relative link inside an item"
    return document


def json_ld_blocks(html: str):
    """Every JSON-LD block on a page, parsed."""
    tree = etree.HTML(html)
    return [json.loads(script.text) for script in tree.findall(".//script[@type='application/ld+json']")]


def meta_tags(html: str):
    """{property-or-name: [content, ...]} of a page's <meta> tags."""
    tree = etree.HTML(html)
    tags = {}
    for meta in tree.findall(".//head/meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            tags.setdefault(key, []).append(meta.get("content"))
    return tags
