"""The narration as a schema.org AudioObject, for the article's JSON-LD (distribution app)."""

from django.conf import settings

from masthead.narration.templatetags.narration_tags import ready_narration_for


def iso_duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"PT{minutes}M{rest}S"


def narration_audio_object(article):
    narration = ready_narration_for(article)
    if narration is None:
        return None
    url = narration.audio_url
    if url.startswith("/"):
        url = settings.MASTHEAD_BASE_URL + url
    return {
        "name": article.title,
        "description": "Audio created with AI assistance: an offline synthetic voice reads the article.",
        "contentUrl": url,
        "encodingFormat": "audio/mpeg",
        "duration": iso_duration(narration.duration),
    }
