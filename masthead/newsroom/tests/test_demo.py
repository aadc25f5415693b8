import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from masthead.newsroom.demo import content, demo_loaded, is_loading_demo
from masthead.newsroom.models import ArticlePage, Author, EditorsPicks, HomePage, SectionPage

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]


def test_setup_loads_a_believable_newsroom_once_and_prints_the_admin_login_once(capsys):
    heard = []
    demo_loaded.connect(
        lambda sender, articles, **kw: heard.append((articles, is_loading_demo())),
        weak=False,
        dispatch_uid="test-demo-heard",
    )
    try:
        call_command("setup_newsroom")
        first = capsys.readouterr().out
        call_command("setup_newsroom")
        second = capsys.readouterr().out
    finally:
        demo_loaded.disconnect(dispatch_uid="test-demo-heard")

    assert SectionPage.objects.live().count() >= 3
    assert Author.objects.count() >= 6
    articles = ArticlePage.objects.exact_type(ArticlePage).live()  # other apps may add page types of their own
    assert articles.count() == len(content.ARTICLES) >= 40
    assert articles.filter(kind="opinion").count() >= 8
    assert all(a.hero_image and a.hero_image.credit for a in articles)
    teasers = [a for a in articles if any(b.block_type == "related_article" for b in a.body)]
    assert len(teasers) >= 8
    assert len(EditorsPicks.for_site(HomePage.objects.get().get_site()).articles()) == len(content.EDITORS_PICKS)

    assert "password:" in first and "password:" not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert HomePage.objects.count() == 1 and articles.count() == len(content.ARTICLES)

    [(announced, still_loading)] = heard  # once, after the transaction, newest first
    assert not still_loading
    assert [a.first_published_at for a in announced] == sorted((a.first_published_at for a in announced), reverse=True)


def test_reset_rebuilds_the_demo(client):
    call_command("setup_newsroom")
    first_ids = set(ArticlePage.objects.values_list("pk", flat=True))
    call_command("reset_demo", yes=True)
    assert ArticlePage.objects.exact_type(ArticlePage).count() == len(content.ARTICLES)
    assert not first_ids & set(ArticlePage.objects.values_list("pk", flat=True))
    assert client.get("/").status_code == 200
