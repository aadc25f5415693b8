"""Narrate on publish (when the narrated text changed), a few demo articles, and after lexicon edits."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from masthead.narration.models import Narration, PronunciationEntry
from masthead.narration.service import request_narration
from masthead.newsroom.demo import demo_loaded, is_loading_demo
from masthead.newsroom.models import ArticlePage


@receiver(page_published, sender=ArticlePage, dispatch_uid="narration-on-publish")
def narrate_on_publish(sender, instance, **kwargs):
    if is_loading_demo():  # the demo publishes ~40 articles; demo_loaded narrates only the newest few
        return
    request_narration(instance)


@receiver(page_unpublished, sender=ArticlePage, dispatch_uid="narration-on-unpublish")
def withdraw_audio_on_unpublish(sender, instance, **kwargs):
    """An article taken down takes its audio down too: its MP3's address must stop answering.

    Publishing it again narrates it again (a skipped narration is never "unchanged").
    """
    narration = Narration.objects.filter(article_id=instance.pk).first()
    if narration is None:
        return
    name, storage = narration.audio.name, narration.audio.storage
    narration.audio, narration.audio_size, narration.timings = "", 0, []
    narration.status, narration.error, narration.text_hash = Narration.Status.SKIPPED, "not published", ""
    narration.save(update_fields=["audio", "audio_size", "timings", "status", "error", "text_hash", "updated_at"])
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@receiver(demo_loaded, dispatch_uid="narration-demo")
def narrate_demo(sender, articles=(), **kwargs):
    for article in list(articles)[: settings.MASTHEAD_NARRATION_DEMO_ARTICLES]:
        request_narration(article)


@receiver(post_save, sender=PronunciationEntry, dispatch_uid="narration-lexicon-saved")
@receiver(post_delete, sender=PronunciationEntry, dispatch_uid="narration-lexicon-deleted")
def recheck_on_lexicon_change(sender, **kwargs):
    from masthead.narration.tasks import recheck_after_lexicon_change

    transaction.on_commit(recheck_after_lexicon_change.enqueue)


@receiver(post_delete, sender=Narration, dispatch_uid="narration-audio-deleted")
def delete_audio_file(sender, instance, **kwargs):
    """An article deleted takes its audio with it (after the transaction, so a rollback keeps the file)."""
    if instance.audio:
        name, storage = instance.audio.name, instance.audio.storage
        transaction.on_commit(lambda: storage.delete(name))
