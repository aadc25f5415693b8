"""Old WordPress query addresses (``/?p=42``, ``/?page_id=7``, ``/?cat=3``, …) answer 301 to their new home.

Wagtail's ``RedirectMiddleware`` only looks for a redirect when the page answers 404, and the home page answers
``/?p=42`` with a 200 (it ignores the query). This middleware looks up the same ``Redirect`` rows the importer
stored (old path ``/?p=42``) before any page is served, so editors still see and edit them in Settings → Redirects.
Only requests that carry one of WordPress's query keys cost a query; any other parameter (``utm_source``) is ignored.
"""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

# WordPress's address forms for a post, a page, a category, a tag, an author and an attachment.
WORDPRESS_QUERY_KEYS = ("p", "page_id", "cat", "tag", "author", "attachment_id")


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.GET:
            redirect = self._redirect_for(request)
            if redirect is not None and redirect.link:
                response_class = HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                return response_class(redirect.link)
        return self.get_response(request)

    @staticmethod
    def _redirect_for(request):
        for key in WORDPRESS_QUERY_KEYS:
            value = request.GET.get(key, "").strip()
            if value:
                old_path = Redirect.normalise_path(f"{request.path}?{urlencode({key: value})}", decode_unicode=False)
                return get_redirect(request, old_path)
        return None
