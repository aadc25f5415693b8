import pytest

from masthead.core.testing import tasks_setting
from masthead.newsletters.models import Newsletter
from masthead.newsletters.tokens import form_started_token


@pytest.fixture(autouse=True)
def _newsletter_settings(settings):
    settings.NEWSLETTERS_MIN_FILL_SECONDS = 0
    settings.MASTHEAD_BASE_URL = "https://news.example"
    settings.NEWSLETTERS_POSTAL_ADDRESS = "1 Press Row, Springfield"
    settings.TASKS = tasks_setting("django_tasks.backends.immediate.ImmediateBackend")


def make_newsletter(slug="briefing", **kwargs):
    defaults = {
        "name": slug.title(),
        "slug": slug,
        "description": f"About {slug}.",
        "cadence": "Daily",
        "sender_name": f"{slug.title()} desk",
        "sender_email": f"{slug}@news.example",
        "reply_to": "desk@news.example",
    }
    return Newsletter.objects.create(**{**defaults, **kwargs})


@pytest.fixture
def newsletters(db):
    return [make_newsletter("briefing", sort_order=0), make_newsletter("explainer", sort_order=1)]


@pytest.fixture
def signup(client, django_capture_on_commit_callbacks):
    """POST the sign-up form as a browser with JavaScript would (json=True: as the script does; started=""
    as without JavaScript, when the page's form has no fill timer)."""

    def post(email, slugs=("briefing",), json=False, client=client, **extra):
        data = {
            "email": email,
            "newsletters": list(slugs),
            "started": form_started_token(),
            "website": "",
            "source": "/news/some-article/",
            **extra,
        }
        headers = {"HTTP_ORIGIN": "http://testserver"}  # what a browser sends with a form POST
        if json:
            headers["HTTP_ACCEPT"] = "application/json"
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/newsletters/signup/", data, **headers)

    return post


def confirm_link(message):
    import re

    return re.search(
        r"https://news\.example(/newsletters/confirm/[^/\s]+/)", message.get_body(("plain",)).get_content()
    ).group(1)
