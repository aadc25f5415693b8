"""Background work an import queues once at its end, instead of a task per saved object."""

from django.apps import apps
from django_tasks import task

from masthead.imports.wagtail_quiet import index_object


@task()
def index_imported(objects: dict[str, list]):
    """Reference and search indexes for imported objects: ``objects`` is ``{"app_label.Model": [pk, ...]}``."""
    for label, pks in objects.items():
        model = apps.get_model(label)
        for obj in model.objects.filter(pk__in=pks).iterator(chunk_size=500):
            index_object(obj)
