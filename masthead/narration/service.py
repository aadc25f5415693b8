"""Narrating an article: what it says, whether it changed, and turning it into stored audio."""

import hashlib
import json
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_text_list

from masthead.narration.models import Narration, PronunciationEntry
from masthead.narration.text import apply_lexicon, normalise, split_sentences


def get_engine():
    """The voice engine, imported only where something is narrated: numpy and Piper stay out of web workers."""
    from masthead.narration.engines import get_engine as engine

    return engine()


logger = logging.getLogger(__name__)


def byline(authors) -> str:
    names = [author.name for author in authors]
    return f"By {get_text_list(names, 'and')}." if names else ""


def narration_paragraphs(article, lexicon=None) -> list[list[dict]]:
    """Headline, byline, then the body, as paragraphs of sentences ``{"text": as written, "spoken": as said}``."""
    written = [article.title, byline(article.authors)]
    for block in article.narration_text_blocks():
        written += block.splitlines()
    return spoken_paragraphs(written, PronunciationEntry.compiled() if lexicon is None else lexicon)


def spoken_paragraphs(written: list[str], lexicon) -> list[list[dict]]:
    """Written paragraphs as paragraphs of sentences, each as written and as the voice should say it."""
    paragraphs = []
    for paragraph in written:
        sentences = [
            {"text": sentence, "spoken": apply_lexicon(normalise(sentence), lexicon)}
            for sentence in split_sentences(paragraph)
        ]
        if sentences := [sentence for sentence in sentences if sentence["spoken"].strip()]:
            paragraphs.append(sentences)
    return paragraphs


def text_hash(paragraphs, engine) -> str:
    """Changes when what is said, what is shown, or who says it changes."""
    payload = json.dumps([engine.name, engine.voice, paragraphs], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def request_narration(article, force=False, enqueue=True, lexicon=None):
    """Mark the article's narration pending and queue it, unless its text is unchanged (or it cannot be read).

    Returns the narration record, or None when nothing needs doing.
    """
    from masthead.narration.tasks import narrate_article

    engine = get_engine()
    narration, _ = Narration.objects.get_or_create(article=article)
    if not engine.can_read(article.language):
        skip(narration, f"no voice for {article.language}")
        return None
    new_hash = text_hash(narration_paragraphs(article, lexicon), engine)
    unchanged = narration.text_hash == new_hash and narration.status in (
        Narration.Status.READY,
        Narration.Status.PENDING,
    )
    if unchanged and not force:
        return None
    narration.status, narration.text_hash, narration.error = Narration.Status.PENDING, new_hash, ""
    narration.attempts, narration.next_attempt_at = 0, None
    narration.save(update_fields=["status", "text_hash", "error", "attempts", "next_attempt_at", "updated_at"])
    if enqueue:
        transaction.on_commit(lambda: narrate_article.enqueue(article.pk))
    return narration


def skip(narration, reason):
    narration.status, narration.error, narration.text_hash = Narration.Status.SKIPPED, reason, ""
    narration.save(update_fields=["status", "error", "text_hash", "updated_at"])


def narrate(article) -> Narration:
    """Synthesise the article now, in this process, and store the MP3 and its timings. Raises on failure."""
    engine = get_engine()
    narration, _ = Narration.objects.get_or_create(article=article)
    if not engine.can_read(article.language):
        skip(narration, f"no voice for {article.language}")
        return narration
    if not article.live:
        skip(narration, "not published")
        return narration
    paragraphs = narration_paragraphs(article)
    new_hash = text_hash(paragraphs, engine)
    narration.attempts += 1
    narration.save(update_fields=["attempts", "updated_at"])
    synthesis = engine.synthesize(paragraphs)
    mp3 = synthesis.mp3
    old_name = narration.audio.name
    # A new name for new audio: media are cached for a year under their name.
    narration.audio.save(f"{article.pk}-{new_hash[:16]}.mp3", ContentFile(mp3), save=False)
    if old_name and old_name != narration.audio.name:
        narration.audio.storage.delete(old_name)
    narration.status, narration.error, narration.text_hash = Narration.Status.READY, "", new_hash
    narration.audio_size, narration.duration = len(mp3), round(synthesis.duration, 3)
    narration.engine, narration.voice, narration.timings = engine.name, engine.voice, synthesis.timings
    narration.next_attempt_at, narration.narrated_at = None, timezone.now()
    narration.save()
    return narration


def record_failure(narration, error, retry_at=None):
    narration.status, narration.error, narration.next_attempt_at = Narration.Status.FAILED, error[:2000], retry_at
    narration.save(update_fields=["status", "error", "next_attempt_at", "updated_at"])
