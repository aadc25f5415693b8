"""The demo newsroom's corrected article: the second newest story carries a correction."""

from django.dispatch import receiver
from django.utils import timezone

from masthead.newsroom.demo import demo_loaded

TEXT = (
    "An earlier version of this article gave the wrong first name for one of the people quoted. It has been corrected."
)


def from_the_demo_loader(sender):
    """Only the demo newsroom itself (other apps' tests send ``demo_loaded`` for their own small newsrooms)."""
    from masthead.newsroom.demo.load import load_demo

    return sender is load_demo


@receiver(demo_loaded, dispatch_uid="corrections-demo")
def add_demo_correction(sender=None, articles=(), **kwargs):
    if not from_the_demo_loader(sender):
        return None
    from masthead.corrections.models import Correction

    articles = [article for article in articles if article.kind == article.Kind.NEWS]
    if not articles or Correction.objects.exists():
        return None
    article = articles[0]
    return Correction.objects.create(article=article, text=TEXT, made_at=timezone.now())
