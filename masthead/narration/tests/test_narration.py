"""Publishing, statuses, retries, the player on the article page, audio serving (with the tone engine)."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.narration.models import Narration, PronunciationEntry
from masthead.narration.service import narration_paragraphs
from masthead.narration.tests.conftest import DATABASE, make_article
from masthead.newsroom.demo import demo_loaded, loading_demo

pytestmark = [pytest.mark.db_sensitive, pytest.mark.django_db]


@pytest.fixture
def narration_tasks():
    """The narrate_article tasks enqueued during a test (other apps queue their own work on publish too)."""
    from django_tasks.signals import task_enqueued

    enqueued = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "narrate_article":
            enqueued.append(task_result.args)

    task_enqueued.connect(record, weak=False)
    yield enqueued
    task_enqueued.disconnect(record)


def narration_of(article):
    return Narration.objects.get(article=article)


def republish(article, **changes):
    for field, value in changes.items():
        setattr(article, field, value)
    article.save_revision().publish()


def test_script_is_headline_byline_then_body_without_captions(newsroom, tone_engine):
    article = make_article(newsroom["sections"][0])
    paragraphs = narration_paragraphs(article)
    written = [[sentence["text"] for sentence in paragraph] for paragraph in paragraphs]
    assert written == [
        ["Bridge to reopen"],
        ["By Ann Reporter."],
        ["The council met on Monday.", "Dr. Lee said the U.S. plan costs $42 million."],
        ["What happens next"],
        ["We will rebuild the bridge."],
        ["Work starts in 2026.", "It will take 18 months & more."],
        ["A second paragraph."],
    ]
    assert paragraphs[2][1]["spoken"] == "Doctor Lee said the U S plan costs forty-two million dollars."


def test_publishing_narrates_and_records_audio_and_timings(newsroom, tone_engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0])
    narration = narration_of(article)
    assert narration.status == "ready", narration.error
    assert (narration.engine, narration.voice, narration.attempts) == ("tone", "tone-1", 1)
    assert narration.audio.name.endswith(".mp3") and narration.audio_size == narration.audio.size > 0
    assert len(narration.text_hash) == 64
    starts = [t["start"] for t in narration.timings]
    assert starts == sorted(starts) and all(t["end"] > t["start"] for t in narration.timings)
    assert narration.timings[-1]["end"] <= narration.duration


def test_republishing_narrates_again_only_when_the_text_changed(
    newsroom, tone_engine, django_capture_on_commit_callbacks, narration_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0])
    first = narration_of(article)
    assert narration_tasks == [[article.pk]]
    with django_capture_on_commit_callbacks(execute=True):
        republish(article, standfirst="A new standfirst is not narrated.")
    assert narration_tasks == [[article.pk]] and narration_of(article).audio.name == first.audio.name
    with django_capture_on_commit_callbacks(execute=True):
        republish(article, title="Bridge reopens at last")
    assert narration_tasks == [[article.pk], [article.pk]]
    second = narration_of(article)
    assert second.text_hash != first.text_hash and second.audio.name != first.audio.name
    assert not second.audio.storage.exists(first.audio.name)  # the old audio is gone


def test_an_article_in_a_language_without_a_voice_is_skipped(
    newsroom, tone_engine, django_capture_on_commit_callbacks, narration_tasks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0], language="uk")
    narration = narration_of(article)
    assert narration_tasks == [] and not narration.audio
    assert (narration.status, narration.status_label) == ("skipped", "skipped: no voice for uk")


def test_a_failure_is_recorded_retried_with_backoff_and_the_page_still_renders(committed_newsroom, settings, client):
    settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.BrokenEngine"
    settings.TASKS = DATABASE
    article = make_article(committed_newsroom["sections"][0])
    call_command("worker", batch=True)  # the real database worker runs the task, which fails
    narration = narration_of(article)
    assert narration.status == "failed" and narration.attempts == 1
    assert narration.error == "RuntimeError: the voice model file is unreadable"
    assert narration.next_attempt_at is not None and narration.status_label.startswith("failed, retrying at")
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(status="READY", task_path__endswith="narrate_article")
    [retry] = [result for result in queued if result.args_kwargs["args"] == [article.pk]]
    assert retry.run_after == narration.next_attempt_at
    assert 55 <= (narration.next_attempt_at - narration.updated_at).total_seconds() <= 65
    response = client.get(article.url)
    assert response.status_code == 200 and b"Listen to this article" not in response.content


def test_the_database_worker_narrates_a_published_article(committed_newsroom, settings):
    settings.MASTHEAD_NARRATION_ENGINE = "masthead.narration.tests.engines.ToneEngine"
    settings.TASKS = DATABASE
    article = make_article(committed_newsroom["sections"][0])
    assert narration_of(article).status == "pending"
    call_command("worker", batch=True)
    assert narration_of(article).status == "ready"


def test_the_demo_narrates_only_its_newest_articles(
    newsroom, tone_engine, django_capture_on_commit_callbacks, narration_tasks
):
    section = newsroom["sections"][0]
    with django_capture_on_commit_callbacks(execute=True), loading_demo():
        articles = [make_article(section, title=f"Demo story {n}") for n in range(5)]
    assert narration_tasks == [] and not Narration.objects.filter(article__in=articles).exists()
    with django_capture_on_commit_callbacks(execute=True):
        demo_loaded.send(sender=None, articles=articles[::-1])
    narrated = set(Narration.objects.filter(status="ready").values_list("article__title", flat=True))
    assert narrated == {"Demo story 4", "Demo story 3", "Demo story 2"}


def test_a_lexicon_change_renarrates_the_articles_it_affects(newsroom, tone_engine, django_capture_on_commit_callbacks):
    section = newsroom["sections"][0]
    with django_capture_on_commit_callbacks(execute=True):
        named = make_article(section, body=[("paragraph", "<p>Minister Sybiha spoke.</p>")])
        other = make_article(section, title="Other", body=[("paragraph", "<p>Nothing to see.</p>")])
    before = {a.pk: narration_of(a).text_hash for a in (named, other)}
    with django_capture_on_commit_callbacks(execute=True):
        PronunciationEntry.objects.create(term="Sybiha", spoken_as="Si-bee-ha")
    assert narration_of(named).text_hash != before[named.pk] and narration_of(named).status == "ready"
    assert narration_of(other).text_hash == before[other.pk]
    assert narration_paragraphs(named)[2][0]["spoken"] == "Minister Si-bee-ha spoke."


def test_the_player_costs_one_query_and_shows_under_the_hero(
    newsroom, tone_engine, client, django_capture_on_commit_callbacks
):
    article = newsroom["articles"][0]
    client.get(article.url)  # warm the list caches, as on a live site
    with CaptureQueriesContext(connection) as without:
        client.get(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        republish(article, title="Now narrated")
    client.get(article.url)
    with CaptureQueriesContext(connection) as with_player:
        response = client.get(article.url)
    html = response.content.decode()
    assert len(with_player) <= 15 and len(with_player) - len(without) <= 1
    narration = narration_of(article)
    assert (
        html.index('class="article__hero"') < html.index("Listen to this article") < html.index('class="article__body"')
    )
    assert f'<audio class="narration__audio" controls preload="metadata" src="{narration.audio.url}"' in html
    assert "AI-generated audio" in html and narration.duration_label in html
    timings = json.loads(html.split('<script id="narration-timings" type="application/json">')[1].split("</script>")[0])
    assert timings == narration.timings
    # The page's structured data names the audio too, from the same single query.
    ld = [json.loads(block.split("</script>")[0]) for block in html.split('<script type="application/ld+json">')[1:]]
    [audio] = [item["audio"] for item in ld if "audio" in item]
    assert audio["@type"] == "AudioObject" and audio["encodingFormat"] == "audio/mpeg"
    assert audio["contentUrl"].startswith("http") and audio["contentUrl"].endswith(narration.audio.url)
    assert audio["duration"].startswith("PT")


def test_a_remembered_article_shows_its_narration_once_ready_and_drops_it_when_not(newsroom, client):
    """Narration changes without a publication: the player and the head's AudioObject follow at once."""
    article = newsroom["articles"][0]
    for _ in range(3):
        assert b"AudioObject" not in client.get(article.url).content  # route, page object, head remembered
    narration, _ = Narration.objects.update_or_create(
        article=article, defaults={"status": "ready", "audio": "narration/ready.mp3", "duration": 42.0, "timings": []}
    )
    html = client.get(article.url).content.decode()
    assert "Listen to this article" in html and '"AudioObject"' in html
    narration.status = "failed"
    narration.save()
    html = client.get(article.url).content.decode()
    assert "Listen to this article" not in html and '"AudioObject"' not in html


def test_an_article_without_ready_narration_shows_no_player(newsroom, client):
    article = newsroom["articles"][0]
    Narration.objects.update_or_create(article=article, defaults={"status": "failed", "error": "x"})
    response = client.get(article.url)
    assert response.status_code == 200 and b"narration__audio" not in response.content


def test_audio_is_served_with_ranges_and_a_long_cache_lifetime(
    newsroom, tone_engine, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0])
    narration = narration_of(article)
    whole = client.get(narration.audio.url)
    body = b"".join(whole.streaming_content)
    assert whole.status_code == 200 and whole["Content-Type"] == "audio/mpeg" and len(body) == narration.audio_size
    assert "max-age=31536000" in whole["Cache-Control"] and whole["Accept-Ranges"] == "bytes"
    part = client.get(narration.audio.url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206 and part.content == body[100:200]
    assert part["Content-Range"] == f"bytes 100-199/{len(body)}"
    assert client.get(narration.audio.url, HTTP_RANGE=f"bytes={len(body) + 10}-").status_code == 416
    assert client.get(narration.audio.url, HTTP_RANGE="bytes=nonsense").status_code == 200
    assert client.get("/media/narration/../../etc/passwd").status_code == 404
    assert client.post(narration.audio.url).status_code == 405


def test_narrate_command_narrates_what_needs_it_with_progress(newsroom, tone_engine, capsys):
    call_command("narrate", "--section", "news")
    out = capsys.readouterr()
    assert "3 of 3 articles need narrating." in out.out and "3 ready" in out.out
    assert "3/3" in out.err  # the progress bar
    call_command("narrate", "--all")
    assert "3 of 6 articles need narrating." in capsys.readouterr().out
    call_command("narrate", "--since", "2000-01-01", "--force", "--limit", "1")
    assert "1 of 1 articles need narrating." in capsys.readouterr().out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No section with the slug 'nope'"):
        call_command("narrate", "--section", "nope")
    with pytest.raises(CommandError, match="--since wants a date"):
        call_command("narrate", "--since", "yesterday")


def test_deleting_an_article_deletes_its_audio(newsroom, tone_engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(newsroom["sections"][0])
    audio = narration_of(article).audio
    assert audio.storage.exists(audio.name)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert not Narration.objects.filter(article_id=article.pk).exists()
    assert not audio.storage.exists(audio.name)
