"""The whole site: Wagtail's admin first, then every reader address (``masthead/reader_urls.py``, which a
request that cannot be an editor's uses on its own)."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from masthead import reader_urls
from masthead.reader_urls import handler400, handler403, handler404, handler500  # noqa: F401  (Django reads them)

urlpatterns = [path("admin/", include(wagtailadmin_urls)), *reader_urls.urlpatterns]
