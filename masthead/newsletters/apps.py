from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Named newsletters: sign-up with double opt-in, preferences, unsubscribing, sending issues."""

    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from masthead.core import slots
        from masthead.newsletters import catalogue, demo  # noqa: F401  (connect signal receivers)

        slots.register("article:end", "newsletters/signup_slot.html")
        slots.register("home:end", "newsletters/signup_slot.html")
        slots.register("footer", "newsletters/footer_links.html", order=20)
