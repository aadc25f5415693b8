from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Named newsletters: sign-up with double opt-in, preferences, unsubscribing, sending issues."""

    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from masthead.core import clock, slots
        from masthead.newsletters import bounces, catalogue, demo, sending  # noqa: F401  (connect signal receivers)

        slots.register("article:end", "newsletters/signup_slot.html")
        slots.register("home:end", "newsletters/signup_slot.html")
        slots.register("footer", "newsletters/footer_links.html", order=20)
        clock.every(60, sending.resume_abandoned_sends)  # a send whose workers all died resumes by itself
        clock.every(300, bounces.poll_configured_mailbox)  # when NEWSLETTERS_BOUNCE_MAILBOX is set
        from anymail.signals import tracking

        tracking.connect(bounces.on_tracking, dispatch_uid="masthead.newsletters.bounces")
