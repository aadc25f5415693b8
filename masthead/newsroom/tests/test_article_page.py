from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from masthead.newsroom.factories import ArticlePageFactory, AuthorFactory, ImageFactory
from masthead.newsroom.models import ArticlePage, EditorsPick, EditorsPicks, reading_minutes

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_page_renders_its_parts_in_order(newsroom, client):
    article = newsroom["articles"][0]
    html = html_of(client, article.url)
    order = [
        "Skip to content",
        'class="section-nav"',
        f">{article.title}</h1>",
        'rel="author"',
        '<time class="article__published"',
        "min read",
        '<figure class="article__hero"',
        'data-slot="narration"',
        'class="article__body"',
        "News Feed",
        "More news",
        "Editors&#x27; Picks",
        'data-slot="newsletter-signup"',
        "<footer",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions), dict(zip(order, positions, strict=True))
    assert html.index("Skip to content") < html.index("<a", html.index("<body")) + 40  # the first link in the body


def test_skip_link_targets_the_headline(newsroom, client):
    html = html_of(client, newsroom["articles"][0].url)
    assert 'href="#headline"' in html
    assert 'id="headline" class="article__headline" tabindex="-1"' in html


def test_byline_links_every_author_in_order(newsroom, client):
    first, second = AuthorFactory(name="Ada First"), AuthorFactory(name="Bo Second")
    article = ArticlePageFactory(parent=newsroom["sections"][0], authors=[second, first])
    html = html_of(client, article.url)
    assert html.index(">Bo Second</a>") < html.index(">Ada First</a>")
    assert f'href="/authors/{second.slug}/" rel="author"' in html
    assert "and <a" in html


def test_time_is_shown_in_the_newsroom_time_zone(newsroom, client, settings):
    settings.TIME_ZONE = "America/New_York"
    published = datetime(2024, 4, 9, 13, 13, tzinfo=UTC)
    article = ArticlePageFactory(parent=newsroom["sections"][0], first_published_at=published)
    html = html_of(client, article.url)
    assert '<time class="article__published" datetime="2024-04-09T09:13:00-04:00">April 9, 2024 9:13 AM</time>' in html
    assert "Updated" not in html


def test_updated_time_shows_only_after_a_real_update(newsroom, client):
    article = newsroom["articles"][0]
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=article.first_published_at + timedelta(hours=3))
    assert "Updated <time" in html_of(client, article.url)


def test_hero_figure_has_caption_and_credit(newsroom, client):
    image = ImageFactory(caption="Ministers arrive for the summit.", credit="Jo Lens / Northlight Images")
    article = ArticlePageFactory(parent=newsroom["sections"][0], hero_image=image)
    html = html_of(client, article.url)
    assert 'Ministers arrive for the summit. <span class="credit">(Jo Lens / Northlight Images)</span>' in html
    article.hero_caption = "Our own caption."
    article.save_revision().publish()
    assert 'Our own caption. <span class="credit">(Jo Lens / Northlight Images)</span>' in html_of(client, article.url)


@pytest.mark.parametrize(
    "words, images, minutes",
    [(0, 0, 1), (275, 0, 1), (276, 0, 2), (550, 0, 2), (550, 1, 3), (1000, 5, 5), (100, 10, 3)],
)
def test_reading_time_follows_ghosts_rule(words, images, minutes):
    assert reading_minutes(words, images) == minutes


def test_reading_time_counts_body_words_and_images(newsroom, client):
    body = [("paragraph", "<p>" + "word " * 600 + "</p>"), ("image", {"image": ImageFactory(), "caption": ""})]
    article = ArticlePageFactory(parent=newsroom["sections"][0], body=body, hero_image=ImageFactory())
    # 600 words = 130.9 s, two images = 24 s: 154.9 s rounds up to 3 minutes.
    assert article.reading_minutes == 3
    assert "3 min read" in html_of(client, article.url)


def test_teaser_shows_kind_headline_excerpt_and_follows_renames(newsroom, client):
    opinion_section = newsroom["sections"][1]
    opinion = ArticlePageFactory(
        parent=opinion_section, kind="opinion", title="Why the bridge matters", standfirst="An argument for repair."
    )
    article = ArticlePageFactory(
        parent=newsroom["sections"][0],
        body=[("paragraph", "<p>Text.</p>"), ("related_article", {"article": opinion, "excerpt": ""})],
    )
    html = html_of(client, article.url)
    assert 'class="kind-label kind-label--opinion">Opinion:</span> Why the bridge matters</a>' in html
    assert "An argument for repair." in html
    opinion.title, opinion.slug = "Why the old bridge matters", "old-bridge"
    opinion.save_revision().publish()
    html = html_of(client, article.url)
    assert "Why the old bridge matters" in html and f'href="/{opinion_section.slug}/old-bridge/"' in html


def test_lists_news_feed_more_news_and_editors_picks(newsroom, client):
    news, opinion = newsroom["sections"]
    article = newsroom["articles"][0]
    picks = EditorsPicks.for_site(newsroom["home"].get_site())
    chosen = [newsroom["articles"][4], newsroom["articles"][1]]
    picks.picks.set([EditorsPick(article=a, sort_order=i) for i, a in enumerate(chosen)])
    picks.save()
    html = html_of(client, article.url)
    feed = html[html.index("News Feed") : html.index("More news")]
    titles = [a.title for a in sorted(newsroom["articles"], key=lambda a: a.first_published_at, reverse=True)]
    assert [feed.index(t) for t in titles] == sorted(feed.index(t) for t in titles)  # newest first
    more = html[html.index("More news") : html.index("Editors&#x27; Picks")]
    assert article.title not in more
    assert all(a.title in more for a in newsroom["articles"][1:3]) and newsroom["articles"][3].title not in more
    rail_end = html.index("</aside>", html.index("Editors&#x27; Picks"))
    picked = html[html.index("Editors&#x27; Picks") : rail_end]
    assert picked.index(chosen[0].title) < picked.index(chosen[1].title)


def test_publishing_refreshes_the_cached_lists(newsroom, client):
    article = newsroom["articles"][0]
    html_of(client, article.url)  # fills the list caches
    fresh = ArticlePageFactory(parent=newsroom["sections"][0], title="Freshly published story")
    assert "Freshly published story" in html_of(client, article.url)
    fresh.unpublish()
    assert "Freshly published story" not in html_of(client, article.url)


def test_query_count_does_not_grow_with_list_length(newsroom, client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    article = newsroom["articles"][0]

    def count():
        """Queries for one view with every cache empty (renditions already made: that is one-time work)."""
        from django.core.cache import caches

        html_of(client, article.url)
        for alias in ("default", "renditions", "fragments"):
            caches[alias].clear()
        with CaptureQueriesContext(connection) as captured:
            html_of(client, article.url)
        return len(captured)

    few = count()
    for _ in range(10):
        ArticlePageFactory(parent=newsroom["sections"][0], hero_image=ImageFactory())
    assert count() == few
    html_of(client, article.url)
    with django_assert_max_num_queries(15):  # the budget, with the list fragments cached as in production
        html_of(client, article.url)


# --- "Edit post": staff who may edit the page, and nobody else.


def test_edit_link_is_never_in_html_for_anonymous_readers(newsroom, client):
    html = html_of(client, newsroom["articles"][0].url)
    assert "Edit post" not in html and "/admin/pages/" not in html


def test_edit_link_for_an_editor_opens_wagtails_editor(newsroom, client, django_user_model):
    editor = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-long-enough-123")
    client.force_login(editor)
    article = newsroom["articles"][0]
    assert f'<a class="staff-bar__edit" href="/admin/pages/{article.pk}/edit/">Edit post</a>' in html_of(
        client, article.url
    )


def test_no_edit_link_for_a_logged_in_user_who_may_not_edit(newsroom, client, django_user_model):
    reader = django_user_model.objects.create_user("reader", "r@example.org", "pw-long-enough-123")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    assert "Edit post" not in html_of(client, newsroom["articles"][0].url)


def test_section_editor_sees_edit_link_only_in_their_section(newsroom, client, django_user_model):
    news, opinion = newsroom["sections"]
    desk = Group.objects.create(name="News desk")
    desk.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=desk, page=news, permission=Permission.objects.get(codename="change_page"))
    user = django_user_model.objects.create_user("desk", "d@example.org", "pw-long-enough-123")
    user.groups.add(desk)
    client.force_login(user)
    assert "Edit post" in html_of(client, newsroom["articles"][0].url)
    assert "Edit post" not in html_of(client, newsroom["articles"][3].url)
