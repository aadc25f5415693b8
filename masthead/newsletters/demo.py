"""Three demo newsletters, created when the demo newsroom has loaded (if the newsroom has none yet)."""

from email.utils import parseaddr

from django.conf import settings
from django.dispatch import receiver

from masthead.newsroom.demo import demo_loaded

DEMO_NEWSLETTERS = [
    {
        "name": "The Morning Sheet",
        "slug": "morning-sheet",
        "cadence": "Weekdays at 6:30am",
        "description": "The five stories worth knowing before your first coffee, with links to read further.",
        "welcome_message": "Your first Morning Sheet arrives on the next weekday morning.",
    },
    {
        "name": "Unpacked",
        "slug": "unpacked",
        "cadence": "Every Thursday",
        "description": "One big story taken apart slowly: what happened, why, and what to watch next.",
        "welcome_message": "Welcome aboard. Thursday's Unpacked will be in your inbox first thing.",
        "hosted": True,
    },
    {
        "name": "Arguments Worth Having",
        "slug": "arguments",
        "cadence": "Sundays",
        "description": "The week's sharpest opinion pieces from our columnists and guest writers, in one email.",
        "welcome_message": "Thanks for joining. Expect a short, opinionated read every Sunday.",
    },
]


@receiver(demo_loaded, dispatch_uid="newsletters-demo")
def create_demo_newsletters(sender=None, articles=(), **kwargs):
    from masthead.newsletters.models import Newsletter
    from masthead.newsroom.models import Author

    if Newsletter.objects.exists():
        return []
    host = Author.objects.order_by("pk").first()
    created = []
    for order, spec in enumerate(DEMO_NEWSLETTERS):
        spec = dict(spec)
        hosted = spec.pop("hosted", False)
        if hosted and host:
            spec["description"] = f"{spec['description']} Hosted by {host.name}."
        created.append(
            Newsletter.objects.create(
                **spec,
                host=host if hosted else None,
                sort_order=order,
                sender_name=spec["name"],
                sender_email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "newsroom@localhost",
            )
        )
    return created
