"""Every address a reader asks for: Masthead's URLconf without Wagtail's admin.

Importing Wagtail's admin URLconf loads every admin view, Django REST framework and pydantic (a third of a fresh
web worker's start), and the first ``reverse()`` of a process imports every URLconf it includes. A request that
cannot be an editor's (no session cookie, not under ``/admin``) resolves and reverses here instead
(``masthead.core.middleware.ReaderURLconfMiddleware``); ``masthead.urls`` is this plus the admin.
"""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core.views import serve_media

urlpatterns = [
    path("documents/", include(wagtaildocs_urls)),
    path("", include("masthead.newsroom.urls")),
    path("", include("masthead.distribution.urls")),
    path("newsletters/", include("masthead.newsletters.urls")),
    path("narration/", include("masthead.narration.urls")),
    path("search/", include("masthead.search.urls")),
    path("live/", include("masthead.live.urls")),
    path("corrections/", include("masthead.corrections.urls")),
]

urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media")]

# Wagtail's page tree last: it catches every other address.
urlpatterns += [path("", include(wagtail_urls))]

# Error pages that cannot fail themselves (masthead/core/errors.py); Django reads them from the request's URLconf.
handler400 = "masthead.core.errors.bad_request"
handler403 = "masthead.core.errors.permission_denied"
handler404 = "masthead.core.errors.page_not_found"
handler500 = "masthead.core.errors.server_error"
