"""``{{ value|machine_datetime }}``: a moment as HTML's ``<time datetime>`` accepts it."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_datetime(value) -> str:
    """The newsroom's local time to the second with its offset (``2026-05-04T09:30:00+01:00``).

    Django's ``date:'c'`` keeps microseconds, which HTML rejects (at most three fraction digits).
    """
    if not isinstance(value, datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
