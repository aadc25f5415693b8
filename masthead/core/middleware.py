"""Site-wide middleware: requests no page can answer are refused before any view or query sees them, and a
reader's request never loads the admin's URLconf."""

from django.conf import settings
from django.urls import set_urlconf

from masthead.core.errors import bad_request

SITE_URLCONF = "masthead.urls"
READER_URLCONF = "masthead.reader_urls"
ADMIN_PREFIX = "/admin"  # masthead/urls.py mounts Wagtail's admin at /admin/


class ReaderURLconfMiddleware:
    """A request that cannot be an editor's resolves and reverses against ``masthead.reader_urls``.

    Only a signed-in editor sees links into the admin on a reader page ("Edit post", Wagtail's user bar), and
    signing in sets the session cookie: requests without one, outside ``/admin``, never need the admin's URL names,
    so a fresh web worker serves readers without importing the admin's views (see ``masthead/reader_urls.py``).
    Another ``ROOT_URLCONF`` (one that wraps the site's, as a test's may) is left to answer everything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.for_a_reader(request):
            request.urlconf = READER_URLCONF
            set_urlconf(READER_URLCONF)  # also for an error a middleware raises before the address is resolved
        return self.get_response(request)

    @staticmethod
    def for_a_reader(request) -> bool:
        return (
            settings.ROOT_URLCONF == SITE_URLCONF
            and not request.path_info.startswith(ADMIN_PREFIX)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )


class RejectNulBytesMiddleware:
    """A NUL byte in the address is a 400: PostgreSQL refuses it in any query, and no page has one in its URL.

    (Form fields are already covered: Django's form fields refuse NUL themselves.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path_info or "%00" in query or "\x00" in query:
            return bad_request(request)
        return self.get_response(request)
