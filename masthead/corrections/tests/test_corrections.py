"""A correction on the article, in its JSON-LD and "Updated" time, in /corrections/ and its feeds; never deleted."""

from datetime import timedelta

import extruct
import pytest
from django.utils import timezone

from masthead.corrections.models import Correction
from masthead.distribution.tests.validators import validate_atom, validate_json_feed, validate_rss
from masthead.newsroom.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected(newsroom):
    article = newsroom["articles"][0]
    correction = Correction.objects.create(
        article=article, text="An earlier version gave the bridge's length as 4 km. It is 2.4 km."
    )
    return article, correction


def news_article(html):
    data = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    return next(item for item in data if item["@type"] in ("NewsArticle", "OpinionNewsArticle", "LiveBlogPosting"))


def test_a_correction_shows_near_the_top_and_dates_the_article(client, corrected):
    article, correction = corrected
    html = client.get(article.url).content.decode()
    box = html.index('class="corrections corrections--top"')
    assert html.index('id="headline"') < box < html.index('class="article__body"')
    assert "It is 2.4 km." in html and f'id="correction-{correction.pk}"' in html
    assert "Updated" in html  # the article was published an hour or more ago; the correction is now
    posting = news_article(html)
    assert posting["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": correction.made_at.isoformat(),
            "url": posting["url"] + f"#correction-{correction.pk}",
        }
    ]
    assert posting["dateModified"] >= correction.made_at.isoformat()[:19]
    assert ArticlePage.objects.get(pk=article.pk).last_published_at >= correction.made_at - timedelta(seconds=1)


def test_an_editors_note_goes_to_the_end_and_is_not_a_correction_comment(client, newsroom):
    article = newsroom["articles"][1]
    note = "This story is part of a series."
    Correction.objects.create(article=article, kind=Correction.Kind.EDITORS_NOTE, text=note)
    html = client.get(article.url).content.decode()
    assert "corrections--end" in html and "corrections--top" not in html
    assert "correction" not in news_article(html)


def test_withdrawing_keeps_it_in_the_log_with_the_reason(client, corrected):
    article, correction = corrected
    correction.withdrawn_reason = "The correction itself was wrong: the first figure stood."
    correction.save()
    html = client.get(article.url).content.decode()
    assert "It is 2.4 km." not in html and "correction" not in news_article(html)
    log = client.get("/corrections/").content.decode()
    assert "Withdrawn on" in log and "the first figure stood" in log and "It is 2.4 km." not in log


@pytest.mark.db_sensitive
def test_the_log_lists_newest_first_linking_to_each_article(client, newsroom, corrected):
    article, first = corrected
    other = newsroom["articles"][2]
    Correction.objects.create(article=other, text="The mayor's name was misspelled.")
    html = client.get("/corrections/").content.decode()
    assert html.index(other.title) < html.index(article.title)
    assert f'href="{article.url}#correction-{first.pk}"' in html
    assert 'href="/corrections/"' in client.get("/").content.decode()  # the footer link
    assert client.get("/corrections/?page=9").status_code == 404


def test_corrections_of_a_draft_article_stay_private(client, newsroom, corrected):
    article, _ = corrected
    article.unpublish()
    assert article.title not in client.get("/corrections/").content.decode()
    assert article.title not in client.get("/corrections/feeds/rss/").content.decode()


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_the_log_feeds_pass_the_article_feed_validators(client, corrected, fmt):
    article, correction = corrected
    response = client.get(f"/corrections/feeds/{fmt}/")
    assert response.status_code == 200
    if fmt == "json":
        items = validate_json_feed(response.content)["items"]
        assert items[0]["title"] == f"Correction: {article.title}"
    else:
        parsed = (validate_rss if fmt == "rss" else validate_atom)(response.content)
        assert parsed.entries[0].title == f"Correction: {article.title}"
    assert client.get(f"/corrections/feeds/{fmt}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.get("/corrections/feeds/yaml/").status_code == 404


def test_nobody_can_delete_a_correction_in_the_admin(client, django_user_model, corrected):
    _, correction = corrected
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "a-long-test-password-1"))
    edit = client.get(f"/admin/snippets/corrections/correction/edit/{correction.pk}/")
    assert edit.status_code == 200
    response = client.post(f"/admin/snippets/corrections/correction/delete/{correction.pk}/")
    assert response.status_code in (302, 403)
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_a_backdated_correction_never_moves_the_updated_time_back(newsroom):
    article = newsroom["articles"][0]
    before = ArticlePage.objects.get(pk=article.pk).last_published_at
    Correction.objects.create(article=article, text="Old note.", made_at=timezone.now() - timedelta(days=30))
    assert ArticlePage.objects.get(pk=article.pk).last_published_at == before
