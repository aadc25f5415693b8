import logging

from django import template

from masthead.narration.models import Narration

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def ready_narration(article):
    """The article's narration if its audio is ready, else None. One query; never breaks the page."""
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
