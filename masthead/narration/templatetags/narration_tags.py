import logging

from django import template

from masthead.narration.models import Narration

register = template.Library()
logger = logging.getLogger(__name__)


def ready_narration_for(article):
    """The article's narration if its audio is ready, else None.

    One query per article per request, whoever asks first (the player, the page's structured data); never raises.
    """
    if "_ready_narration" not in article.__dict__:
        article.__dict__["_ready_narration"] = _load_ready_narration(article)
    return article.__dict__["_ready_narration"]


@register.simple_tag
def ready_narration(article):
    return ready_narration_for(article)


def _load_ready_narration(article):
    try:
        narration = (
            Narration.objects.filter(article_id=article.pk, status=Narration.Status.READY)
            .exclude(audio="")
            .only("audio", "duration", "timings", "article_id")
            .first()
        )
        if narration:
            narration.audio_url = narration.audio.url
        return narration
    except Exception:  # a broken narration shows no player; the article still reads
        logger.exception("Narration player for article %s could not render", getattr(article, "pk", None))
        return None
