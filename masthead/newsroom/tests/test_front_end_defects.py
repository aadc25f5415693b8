"""The front-end defects found by checkers and a browser walk (issue 13), each pinned by a test."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from masthead.newsroom.factories import ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[2] / "static/masthead/css/site.css"
# HTML's valid datetime: to the second (at most three fraction digits), with an offset.
MACHINE_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?(?:Z|[+-]\d\d:\d\d)$")


def tree(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def test_only_the_lead_story_is_a_lead_card_and_other_cards_have_srcset_and_sizes(newsroom, client):
    page = tree(client, "/")
    assert len(page.select(".card--lead")) == 1
    others = page.select(".card:not(.card--lead) img.card__image")
    assert others, "the home page shows more cards than the lead"
    for image in others:
        assert image.get("srcset") and image.get("sizes"), image
        assert image.get("loading") == "lazy" and int(image.get("width")) <= 640


def test_the_lead_image_loads_eagerly_and_first(newsroom, client):
    lead = tree(client, "/").select(".card--lead img")[0]
    assert lead.get("loading") is None and lead.get("fetchpriority") == "high"
    assert lead.get("srcset") and lead.get("sizes")
    hero = tree(client, newsroom["articles"][0].url).select(".article__hero img")[0]
    assert hero.get("loading") is None and hero.get("fetchpriority") == "high"


def test_every_time_element_has_a_valid_machine_datetime(newsroom, client):
    article = newsroom["articles"][0]
    assert article.first_published_at.microsecond or ArticlePageFactory(parent=newsroom["sections"][0])
    urls = ["/", article.url, newsroom["sections"][0].url, newsroom["authors"][0].get_absolute_url()]
    urls.append("/search/?q=" + article.title.split()[0])
    seen = 0
    for url in urls:
        for time in tree(client, url).select("time"):
            assert MACHINE_DATETIME.match(time.get("datetime")), (url, time.get("datetime"))
            seen += 1
    assert seen >= 10


@pytest.mark.parametrize("where", ["home", "article", "section", "author", "tag", "search", "newsletters", "404"])
def test_the_skip_link_lands_on_an_element_of_the_page(newsroom, client, where):
    ArticlePageFactory(parent=newsroom["sections"][0], tags=["Energy"], authors=[newsroom["authors"][0]])
    url = {
        "home": "/",
        "article": newsroom["articles"][0].url,
        "section": newsroom["sections"][0].url,
        "author": newsroom["authors"][0].get_absolute_url(),
        "tag": "/tags/energy/",
        "search": "/search/?q=bridge",
        "newsletters": "/newsletters/",
        "404": "/no-such-page/",
    }[where]
    page = tree(client, url)
    target = page.select("a.skip-link")[0].get("href")
    assert target.startswith("#") and page.find(id=target[1:]) is not None


@pytest.mark.parametrize("handler", ["bad_request", "permission_denied", "server_error"])
def test_the_plain_error_pages_skip_link_lands_too(rf, handler):
    from masthead.core import errors

    page = BeautifulSoup(getattr(errors, handler)(rf.get("/")).content, "html.parser")
    assert page.find(id=page.select("a.skip-link")[0].get("href")[1:]) is not None


def test_an_opinion_piece_says_opinion_once_and_its_kicker_link_is_underlined(newsroom, client):
    opinion = newsroom["articles"][3]
    kicker = tree(client, opinion.url).select(".article__section")[0]
    assert kicker.get_text().strip().lower() == "opinion"
    analysis = ArticlePageFactory(parent=newsroom["sections"][0], kind="analysis")
    assert re.sub(r"\s+", " ", tree(client, analysis.url).select(".article__section")[0].get_text()).strip() == (
        "News · Analysis"
    )
    rule = re.search(r"\.article__section a \{([^}]*)\}", CSS.read_text()).group(1)
    assert "text-decoration: underline" in rule  # axe link-in-text-block: not told apart by colour alone


def test_only_the_articles_own_words_carry_its_language(newsroom, client):
    ukrainian = ArticlePageFactory(parent=newsroom["sections"][0], title="Міст відкрили", language="uk")
    page = tree(client, ukrainian.url)
    assert page.html.get("lang") == "en"
    assert page.select("h1")[0].get("lang") == "uk" and page.select(".article__body")[0].get("lang") == "uk"
    assert not page.select("nav [lang], footer [lang]")
    home = tree(client, "/")
    marked = [element.get_text() for element in home.select('[lang="uk"]')]
    assert "Міст відкрили" in marked
    english = newsroom["articles"][0].title
    assert english not in marked


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_contrasts_at_least_three_to_one_in_light_and_dark():
    css = CSS.read_text()
    light, dark = re.findall(r":root \{([^}]*)\}", css)[:2]

    def var(block, name, fallback=None):
        found = re.search(rf"--{name}: (#[0-9a-fA-F]{{6}})", block)
        return found.group(1) if found else fallback

    assert contrast(var(light, "focus"), var(light, "bg")) >= 3
    assert contrast(var(dark, "focus", var(light, "focus")), var(dark, "bg")) >= 3
    assert contrast("#ffbf47", "#ffffff") < 3  # the old amber ring, which this test exists to refuse


@pytest.mark.parametrize("where", ["home", "section", "author", "tag", "newsletters", "info"])
def test_reader_pages_describe_themselves(newsroom, client, where):
    from masthead.newsroom.models import InfoPage

    ArticlePageFactory(parent=newsroom["sections"][0], tags=["Energy"], authors=[newsroom["authors"][0]])
    about = InfoPage(title="About us", slug="about", intro="Who we are.")
    newsroom["home"].add_child(instance=about)
    url = {
        "home": "/",
        "section": newsroom["sections"][0].url,
        "author": newsroom["authors"][0].get_absolute_url(),
        "tag": "/tags/energy/",
        "newsletters": "/newsletters/",
        "info": about.url,
    }[where]
    page = tree(client, url)
    description = page.select('meta[name="description"]')
    assert len(description) == 1 and len(description[0].get("content").strip()) > 10, where


def test_pages_have_a_favicon_and_the_home_title_names_the_newsroom_once(newsroom, client):
    page = tree(client, "/")
    icon = page.select('link[rel="icon"]')[0].get("href")
    from django.contrib.staticfiles import finders

    assert finders.find(icon.removeprefix(settings.STATIC_URL))
    title = page.title.get_text()
    assert title.count(settings.WAGTAIL_SITE_NAME) == 1, title
    assert client.get("/favicon.ico", follow=False).status_code in (301, 302)


def test_the_admin_asks_no_other_host_for_avatars(admin_client):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()
    account = admin_client.get("/admin/account/").content.decode()
    assert "gravatar" not in account.lower()


def test_a_new_articles_slug_is_filled_from_its_headline(newsroom, admin_client):
    news = newsroom["sections"][0]
    form = BeautifulSoup(admin_client.get(f"/admin/pages/add/newsroom/articlepage/{news.pk}/").content, "html.parser")
    title = form.find(id="id_title")
    # Wagtail's w-sync controller copies the headline into the slug field as the editor types.
    assert "w-sync" in title.get("data-controller", "") and "#id_slug" in title.get("data-w-sync-target-value", "")


def test_hero_image_renders_one_rendition_per_width(newsroom, client):
    article = ArticlePageFactory(parent=newsroom["sections"][0], hero_image=ImageFactory())
    hero = tree(client, article.url).select(".article__hero img")[0]
    assert len(hero.get("srcset").split(",")) >= 2
