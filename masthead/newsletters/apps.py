from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Named newsletters: sign-up with double opt-in, preferences, unsubscribing, sending issues."""

    name = "masthead.newsletters"
    label = "newsletters"
