"""A correction dates the article: saving or withdrawing one moves the article's "Updated" time."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page

from masthead.corrections.models import Correction


@receiver(post_save, sender=Correction, dispatch_uid="corrections-date-the-article")
def date_the_article(sender, instance, created, **kwargs):
    moment = min(instance.made_at, timezone.now()) if created else timezone.now()
    # Only ever forward: the article's last publication may already be newer than a backdated correction.
    Page.objects.filter(pk=instance.article_id, last_published_at__lt=moment).update(last_published_at=moment)
