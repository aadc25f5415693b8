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


def test_the_images_config_carries_every_attribute_of_wagtails():
    """Ours is not a subclass (masthead/core/wagtail_apps.py says why): it fails here if Wagtail's gains one."""
    ours = apps.get_app_config("wagtailimages")
    wagtails = {name: value for name, value in vars(WagtailImagesAppConfig).items() if not name.startswith("__")}
    assert set(wagtails) == {"name", "label", "verbose_name", "default_auto_field", "default_attrs", "ready"}
    for name, value in wagtails.items():
        if name != "ready":
            assert getattr(ours, name) == value, name


def test_wagtails_image_checks_run_where_checks_run():
    from django.core.checks.registry import registry
    from wagtail.images.checks import image_library_check

    assert image_library_check in registry.get_checks()


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
