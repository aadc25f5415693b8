"""What every search page needs before it searches (site root, section and author choices, private sections),
remembered per host until the newsroom changes.

Looked up on every request these were five small queries, each a round trip that a busy database server
answers in 1 to 6 ms. They are kept under the newsroom's publish version (``newsroom/publish_version.py``), which
moves on every publish, unpublish, move and slug change and on every save or delete of a section, author, site or
view restriction, so a new author or section is a filter choice on the next search; nothing under a key changes,
so each process keeps them in its own memory (the ``fragments`` cache: no round trip to Redis).
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site

from masthead.newsroom.models import Author, SectionPage
from masthead.newsroom.publish_version import lists_version

SETUP_TIMEOUT = 60 * 60


@dataclass
class SearchSetup:
    site_root: Page | None
    sections: list = field(default_factory=list)  # (slug, title) of the site's live public sections
    authors: list = field(default_factory=list)  # (slug, name)
    private: list = field(default_factory=list)  # (path, depth) of every page with a view restriction

    def public_q(self):
        """What Wagtail's ``PageQuerySet.public()`` excludes, without asking the database for the restrictions."""
        private = Q(pk__in=[])
        for path, depth in self.private:
            private |= Q(path__startswith=path, depth__gte=depth)
        return ~private


def search_setup(request):
    host = hashlib.sha1(request.get_host().encode(errors="replace")).hexdigest()
    key = f"search:setup:{lists_version(request)}:{host}"
    setup = caches["fragments"].get(key)
    if setup is None:
        setup = _load(request)
        caches["fragments"].set(key, setup, SETUP_TIMEOUT)
    return setup


def _load(request):
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    sections = SectionPage.objects.child_of(root).live().public() if root else SectionPage.objects.none()
    return SearchSetup(
        site_root=root,
        sections=list(sections.values_list("slug", "title")),
        authors=list(Author.objects.values_list("slug", "name")),
        private=list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )
