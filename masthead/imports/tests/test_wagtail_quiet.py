"""The adapter onto Wagtail's per-save tasks (wagtail.signal_handlers, modelsearch.signal_handlers): these tests
break on the upgrade that renames or reshapes them."""

import io

import pytest
from django.core.files.images import ImageFile
from django_tasks_db.models import DBTaskResult
from PIL import Image
from wagtail.models import ReferenceIndex

from masthead.images.models import CreditedImage
from masthead.imports.tasks import index_imported
from masthead.imports.wagtail_quiet import quiet_saves
from masthead.newsroom.models import Author


def picture(name="a.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 200, 10)).save(out, "JPEG")
    return ImageFile(out, name=name)


def queued(name):
    return DBTaskResult.objects.filter(task_path__endswith=name).count()


@pytest.mark.django_db
def test_outside_saves_queue_wagtails_tasks():
    """The premise: without quiet_saves, Wagtail queues a task per save (if this fails, the adapter is moot)."""
    CreditedImage.objects.create(title="Harbour", file=picture())
    assert queued("update_reference_index_task") == 1
    assert queued("insert_or_update_object_task") == 1


@pytest.mark.django_db
def test_inside_nothing_is_queued_and_what_was_saved_is_collected():
    with quiet_saves() as saved:
        image = CreditedImage.objects.create(title="Harbour", file=picture())
        author = Author.objects.create(name="Ana Reporter", slug="ana")
        author.photo = image
        author.save()
    assert DBTaskResult.objects.count() == 0
    assert saved["images.CreditedImage"] == {image.pk} and saved["newsroom.Author"] == {author.pk}
    CreditedImage.objects.create(title="After", file=picture("b.jpg"))  # the handlers are back
    assert queued("update_reference_index_task") == 1 and queued("insert_or_update_object_task") == 1


@pytest.mark.django_db
def test_index_imported_does_what_the_held_back_tasks_would_have():
    with quiet_saves() as saved:
        image = CreditedImage.objects.create(title="Harbour", file=picture())
        Author.objects.create(name="Ana Reporter", slug="ana", photo=image)
    assert not ReferenceIndex.get_references_to(image).exists()
    index_imported.call({label: sorted(pks) for label, pks in saved.items()})
    assert ReferenceIndex.get_references_to(image).exists(), "the author's photo is a reference to the image"
    assert CreditedImage.objects.search("Harbour").count() == 1
