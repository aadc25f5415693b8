"""Wagtail's app configs without the read/write API v3 Masthead never serves (its URLs are not mounted).

Wagtail 8 registers every snippet, image and document model with API v3 in each app's ``ready()``: that imports
django-ninja, pydantic and Django REST framework and builds pydantic schemas for every model, about a third of a
web worker's start, for an API no address of ours answers. Each ``ready()`` below is Wagtail's own, copied
without its last lines (the API registration); ``test_wagtail_apps`` fails when Wagtail's changes, to re-copy it.

The images app's config is not a subclass: the module Wagtail's lives in imports its system checks, and they
import Willow and Pillow. A web worker (which runs no checks) leaves them unimported, and Willow's placeholder
(``masthead/core/lazy_modules.py``) unrun until an image is first resized.
"""

from django.apps import AppConfig
from django.contrib.admin.apps import SimpleAdminConfig
from django.db.models import ForeignKey
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

from masthead.core.lazy_modules import in_web_worker


class DjangoAdminConfig(SimpleAdminConfig):
    """Django's admin site is not mounted (editors use Wagtail's): no autodiscovery of admin.py modules, which
    imported django_rq's dashboard views and rq's cron scheduler into every web worker."""


class RedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self):
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_slug_changed, post_page_move

        register_permission_policy(Redirect)
        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)


class SnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self):
        from wagtail.snippets.models import create_extra_permissions, register_deferred_snippets

        register_deferred_snippets()
        post_migrate.connect(create_extra_permissions, sender=self)


class ImagesConfig(AppConfig):
    """``wagtail.images.apps.WagtailImagesAppConfig``'s attributes, and its ``ready()``."""

    name = "wagtail.images"
    label = "wagtailimages"
    verbose_name = _("Wagtail images")
    default_auto_field = "django.db.models.AutoField"
    default_attrs = {}

    def ready(self):
        if not in_web_worker():
            from wagtail.images import checks  # noqa: F401  (registers Wagtail's image library checks)

        from wagtail.admin.compare import register_comparison_class
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images import get_image_model, get_permission_policy
        from wagtail.images.components import ImageDisplay
        from wagtail.images.edit_handlers import ImageFieldComparison
        from wagtail.images.signal_handlers import register_signal_handlers
        from wagtail.images.widgets import AdminImageChooser
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        image = get_image_model()
        register_permission_policy(image, get_permission_policy())
        register_signal_handlers()
        register_form_field_override(ForeignKey, to=image, override={"widget": AdminImageChooser})
        register_comparison_class(ForeignKey, to=image, comparison_class=ImageFieldComparison)
        register_display_class(ForeignKey, to=image, display_class=ImageDisplay)
        ReferenceIndex.register_model(image)


class DocumentsConfig(WagtailDocsAppConfig):
    def ready(self):
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents import get_document_model, get_permission_policy
        from wagtail.documents.components import DocumentDisplay
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        document = get_document_model()
        register_permission_policy(document, get_permission_policy())
        register_signal_handlers()
        register_display_class(ForeignKey, to=document, display_class=DocumentDisplay)
        ReferenceIndex.register_model(document)
