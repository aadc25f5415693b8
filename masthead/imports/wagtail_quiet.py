"""The one place the importer reaches into Wagtail's per-save machinery (see tests/test_wagtail_quiet.py).

Wagtail 7+ queues two background tasks for every saved object: a reference-index update
(``wagtail.signal_handlers.update_reference_index_on_save``, for ``ReferenceIndex.tracked_models``) and, for
search-indexed models such as images and authors, a search-index update
(``modelsearch.signal_handlers.post_save_signal_handler``). Ten thousand imported articles with their images
would be tens of thousands of task rows, each an INSERT during the import. ``quiet_saves()`` holds both back and
collects what was saved, so the importer can queue one ``imports.tasks.index_imported`` task for all of it.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_handlers
from wagtail import signal_handlers as wagtail_handlers
from wagtail.models import ReferenceIndex


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
