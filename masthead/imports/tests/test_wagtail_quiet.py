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


def _tree_section():
    from wagtail.models import Page

    from masthead.newsroom.models import HomePage, SectionPage

    home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="quiet-home"))
    return home.add_child(instance=SectionPage(title="News", slug="news", live=True))


def _article(slug, **fields):
    from masthead.newsroom.models import ArticlePage

    return ArticlePage(title=slug.title(), slug=slug, standfirst="A summary.", live=True, **fields)


def _row(page):
    from wagtail.models import Page, PageLogEntry

    page = Page.objects.get(pk=page.pk)
    logged = list(PageLogEntry.objects.filter(page=page).values_list("action", "label", "content_changed"))
    return page.depth, page.numchild, page.url_path, page.draft_title, logged


@pytest.mark.django_db
def test_add_new_page_writes_what_add_child_writes():
    """add_new_page is treebeard's add_child with Wagtail's save and log entry, fewer queries: the same rows."""
    from wagtail.models import Page

    from masthead.imports.wagtail_quiet import add_new_page

    section = _tree_section()
    by_wagtail = section.add_child(instance=_article("first"))
    quick = add_new_page(section, _article("second", locale_id=section.locale_id))
    again = section.add_child(instance=_article("third"))  # after ours, treebeard still finds the next path
    assert (by_wagtail.path[:-4], quick.path[:-4], again.path[:-4]) == (section.path,) * 3
    assert [by_wagtail.path[-4:], quick.path[-4:], again.path[-4:]] == ["0001", "0002", "0003"]
    assert _row(quick)[0] == _row(by_wagtail)[0] and _row(quick)[2] == section.url_path + "second/"
    assert _row(quick)[3:] == (quick.title, [("wagtail.create", "Second", True)])
    assert _row(by_wagtail)[4] == [("wagtail.create", "First", True)], "Wagtail's own entry, for comparison"
    assert Page.objects.get(pk=section.pk).numchild == section.numchild == 3
    assert not any(Page.find_problems()), "treebeard finds the tree consistent"


@pytest.mark.django_db
def test_add_new_page_still_validates_the_fields():
    from django.core.exceptions import ValidationError

    from masthead.imports.wagtail_quiet import add_new_page

    section = _tree_section()
    with pytest.raises(ValidationError):
        add_new_page(section, _article("x" * 300, locale_id=section.locale_id))
