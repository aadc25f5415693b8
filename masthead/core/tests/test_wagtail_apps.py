"""masthead/core/wagtail_apps.py: Wagtail's app configs minus the API v3 registration, and nothing else lost."""

import hashlib
import inspect

import pytest
from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

# The Wagtail ready() each of ours was copied from (Wagtail 8.0.1). A new Wagtail that changes one fails here:
# copy its new body into masthead/core/wagtail_apps.py (without the API v3 lines), then update the digest.
COPIED_FROM = {
    WagtailRedirectsAppConfig: "19d1a78049d84e47",
    WagtailSnippetsAppConfig: "1ac35b5ed4034956",
    WagtailImagesAppConfig: "52e409385bb1ad62",
    WagtailDocsAppConfig: "4cdf87a46dbf81ef",
}


@pytest.mark.parametrize("parent", COPIED_FROM, ids=lambda parent: parent.__name__)
def test_each_copied_ready_matches_the_wagtail_it_was_copied_from(parent):
    digest = hashlib.sha256(inspect.getsource(parent.ready).encode()).hexdigest()[:16]
    assert digest == COPIED_FROM[parent], f"{parent.__name__}.ready() changed: re-copy it into wagtail_apps.py"


def test_the_api_they_skip_is_not_served():
    assert not apps.is_installed("wagtail.api.v3")


@pytest.mark.django_db
def test_a_published_slug_change_still_leaves_a_redirect(newsroom, django_capture_on_commit_callbacks):
    article = newsroom["articles"][0]
    old_path = article.url
    article.slug = "a-new-slug"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail sends page_slug_changed on commit
        article.save_revision().publish()
    assert Redirect.objects.filter(old_path=old_path.rstrip("/")).exists()
