"""The newsroom's name plate and footer lines for every page's frame, remembered under the publish version."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from masthead.images.renditions import rendition_or_none
from masthead.newsroom.publish_version import remembered

LOGO_SPEC = "height-96|preserve-svg"  # twice the 48 px it is shown at, for sharp high-density screens


def _frame(request) -> dict:
    from masthead.newsroom.models import MastheadSettings

    site = Site.find_for_request(request)
    if site is None:
        return {"tagline": "", "logo": None, "footer_pages": [], "publisher": "", "legal_lines": []}
    # Not for_site(): it creates the row on first read, and a save moves the publish version.
    chosen = MastheadSettings.objects.filter(site=site).select_related("logo").first() or MastheadSettings(site=site)
    logo = None
    if chosen.logo_id and (rendition := rendition_or_none(chosen.logo, LOGO_SPEC)):
        logo = {"url": rendition.url, "width": round(rendition.width), "height": round(rendition.height)}
    return {
        "tagline": chosen.tagline,
        "logo": logo,
        "footer_pages": [(label, page.url) for label, page in chosen.footer_pages()],
        "publisher": chosen.publisher,
        "legal_lines": [line for line in chosen.legal_lines.splitlines() if line.strip()],
    }


def masthead(request):
    """``masthead``: looked up only by a page that shows it, once per publish version (no query when warm)."""
    frame = SimpleLazyObject(lambda: remembered(request, "masthead-frame", lambda: _frame(request)))
    description = SimpleLazyObject(lambda: frame["tagline"] or f"News and analysis from {settings.WAGTAIL_SITE_NAME}.")
    language = settings.MASTHEAD_NEWSROOM_LANGUAGE
    return {"masthead": frame, "site_description": description, "newsroom_language": language}
