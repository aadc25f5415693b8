"""The edited front page: editors' blocks, pinned stories first, newest after, no story twice, cheap when warm."""

import pytest
from bs4 import BeautifulSoup

from masthead.newsroom.factories import ArticlePageFactory
from masthead.newsroom.front_page import front_page

pytestmark = pytest.mark.django_db


def arrange(home, layout):
    home.layout = layout
    home.save_revision().publish()
    home.refresh_from_db()
    return home


def titles(block):
    return [article.title for article in block["articles"]]


def test_an_unarranged_front_page_shows_the_lead_more_stories_and_a_block_per_section(newsroom):
    fresh = [ArticlePageFactory(parent=newsroom["sections"][0]) for _ in range(5)]
    front = front_page(newsroom["home"])
    newest = max(fresh, key=lambda a: (a.first_published_at, a.pk))
    assert [block["type"] for block in front["top"]] == ["lead", "secondary"]
    assert titles(front["top"][0]) == [newest.title]
    assert [block["title"] for block in front["blocks"]] == [section.title for section in newsroom["sections"]]
    every = [title for block in front["top"] + front["blocks"] for title in titles(block)]
    assert len(every) == len(set(every)), "a story appears twice"


def test_pinned_stories_come_first_in_the_editors_order_and_the_rest_fill_newest_first(newsroom):
    news, opinion = newsroom["sections"]
    old_news, older_news = newsroom["articles"][1], newsroom["articles"][2]
    tagged = ArticlePageFactory(parent=opinion, tags=["Climate"])
    home = arrange(
        newsroom["home"],
        [
            ("lead", {"article": older_news}),
            ("secondary", {"pinned": [newsroom["articles"][5], old_news], "count": 2}),
            ("tag", {"tag": "climate", "title": "", "pinned": [], "count": 4}),
            ("section", {"section": news, "title": "From the newsroom", "pinned": [older_news], "count": 2}),
        ],
    )
    front = front_page(home)
    lead, secondary = front["top"]
    assert titles(lead) == [older_news.title]
    assert titles(secondary) == [newsroom["articles"][5].title, old_news.title]
    tag_block, section_block = front["blocks"]
    assert (tag_block["title"], tag_block["url"], titles(tag_block)) == ("Climate", "/tags/climate/", [tagged.title])
    assert section_block["title"] == "From the newsroom"
    assert older_news.title not in titles(section_block)  # already the lead
    every = [title for block in front["top"] + front["blocks"] for title in titles(block)]
    assert len(every) == len(set(every))


def test_unpublished_pins_and_missing_tags_are_left_out_not_errors(newsroom, client):
    pinned = newsroom["articles"][4]
    home = arrange(
        newsroom["home"],
        [("lead", {"article": pinned}), ("tag", {"tag": "No such tag", "title": "", "pinned": [], "count": 4})],
    )
    pinned.unpublish()
    front = front_page(home)
    assert pinned.title not in titles(front["top"][0]) and front["blocks"] == []
    assert client.get("/").status_code == 200


def test_the_front_page_renders_the_arrangement(newsroom, client):
    news = newsroom["sections"][0]
    arrange(
        newsroom["home"],
        [
            ("lead", {"article": newsroom["articles"][2]}),
            ("section", {"section": news, "title": "", "pinned": [], "count": 4}),
        ],
    )
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert page.select_one(".card--lead .card__headline").get_text(strip=True) == newsroom["articles"][2].title
    assert [h.get_text(strip=True) for h in page.select(".section-block__title")] == ["News"]


def test_a_warm_front_page_costs_the_same_few_queries_however_many_blocks(
    newsroom, client, django_assert_max_num_queries
):
    sections = newsroom["sections"]
    block = {"title": "", "pinned": [], "count": 4}
    many = [("section", {**block, "section": sections[i % 2], "title": f"Block {i}"}) for i in range(8)]
    arrange(newsroom["home"], [("lead", {"article": None}), *many])
    client.get("/")
    client.get("/")
    with django_assert_max_num_queries(3):
        assert client.get("/").status_code == 200
