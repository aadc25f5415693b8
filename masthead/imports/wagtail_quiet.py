"""The one place the importer reaches into Wagtail's per-save machinery (see tests/test_wagtail_quiet.py).

Wagtail 7+ queues two background tasks for every saved object: a reference-index update
(``wagtail.signal_handlers.update_reference_index_on_save``, for ``ReferenceIndex.tracked_models``) and, for
search-indexed models such as images and authors, a search-index update
(``modelsearch.signal_handlers.post_save_signal_handler``). Ten thousand imported articles with their images
would be tens of thousands of task rows, each an INSERT during the import. ``quiet_saves()`` holds both back and
collects what was saved, so the importer can queue one ``imports.tasks.index_imported`` task for all of it.

``add_new_page()`` is treebeard's ``add_child`` with Wagtail's page save and its "created" log entry, in 7
queries instead of 17: on PostgreSQL each query is a round trip, and a 10,000-post import spends much of its
time waiting on them (see the README's benchmark).
"""

from collections import defaultdict
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_handlers
from wagtail import signal_handlers as wagtail_handlers
from wagtail.models import Page, PageLogEntry, ReferenceIndex


def _search_updated(model) -> bool:
    return model in search_index.get_indexed_models() and getattr(model, "search_auto_update", True)


@contextmanager
def quiet_saves():
    """Saves made inside queue no reference- or search-index task; yields ``{model label: {pk, ...}}`` of them."""
    saved = defaultdict(set)
    watched = set(ReferenceIndex.tracked_models) | {m for m in search_index.get_indexed_models() if _search_updated(m)}

    def collect(sender, instance, raw=False, **kwargs):
        if sender in watched and not raw:
            saved[sender._meta.label].add(instance.pk)

    disconnected = [m for m in watched if post_save.disconnect(search_handlers.post_save_signal_handler, sender=m)]
    post_save.connect(collect, weak=False, dispatch_uid="imports-quiet-saves")
    try:
        with wagtail_handlers.disable_reference_index_auto_update():
            yield saved
    finally:
        post_save.disconnect(dispatch_uid="imports-quiet-saves")
        for model in disconnected:
            post_save.connect(search_handlers.post_save_signal_handler, sender=model)


def index_object(obj):
    """What the two held-back tasks would have done for ``obj``."""
    ReferenceIndex.create_or_update_for_object(obj)
    if _search_updated(type(obj)):
        search_index.insert_or_update_object(obj)


def add_new_page(parent: Page, page: Page) -> Page:
    """Save the unsaved ``page`` as ``parent``'s last child, as ``parent.add_child(instance=page)`` would.

    The same rows come out (path, depth, numchild, url_path, the "wagtail.create" log entry; tested against
    add_child). Left out is only what is already known here or enforced by the database: the caller has chosen a
    slug free under ``parent`` and set ``locale_id``, the foreign keys it sets point at rows it has just read or
    made (the database checks them again), path and translation key are new (unique indexes), and a new page
    is no site's root. The fields are still validated (``clean_fields``, the StreamField's blocks included).
    """
    # Taking the parent's row lock first, as treebeard's select_for_update does: a concurrent add waits for us.
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    last_path = (
        Page.objects.filter(depth=parent.depth + 1, path__range=Page._get_children_path_interval(parent.path))
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    page.depth = parent.depth + 1
    page.path = Page(path=last_path)._inc_path() if last_path else Page._get_path(parent.path, page.depth, 1)
    parent.numchild += 1
    page._cached_parent_obj = parent  # set_url_path reads it instead of querying the parent
    page._is_site_root = False  # what annotate_site_root_state would say of a page that did not exist
    page.draft_title = page.draft_title or page.title
    foreign_keys = [field.name for field in page._meta.concrete_fields if field.is_relation]
    page.clean_fields(exclude=foreign_keys)
    page.save(clean=False, log_action=None)
    PageLogEntry.objects.bulk_create([_created_entry(page)])  # its save() would look both foreign keys up again
    return page


def _created_entry(page):
    """The entry ``Page.save`` logs for a new page (wagtail.log_actions.log with no user)."""
    from wagtail.log_actions import get_active_log_context

    context = get_active_log_context()
    return PageLogEntry(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        label=page.get_admin_display_title(),
        action="wagtail.create",
        timestamp=timezone.now(),
        data={},
        page=page,
        user=context.user or (page.owner if page.owner_id else None),
        uuid=context.uuid,
        content_changed=True,
    )
