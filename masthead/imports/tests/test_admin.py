"""The admin's Imports menu: the list of runs and one run's summary and warnings, for those allowed to see them."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from masthead.imports.models import ImportRun, ImportWarning

pytestmark = pytest.mark.django_db


@pytest.fixture
def run():
    run = ImportRun.objects.create(
        system="ghost",
        source="export.json",
        status=ImportRun.Status.FINISHED,
        total=13,
        done=13,
        summary={"article": {"created": 12}, "page": {"created": 1}},
    )
    ImportWarning.objects.create(run=run, kind="missing_image", source_id="abc123", title="Harbour", message="Gone")
    return run


def test_imports_list_and_detail_show_summary_and_warnings(client, run):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))
    listing = client.get(reverse("imports:index"))
    assert listing.status_code == 200 and "Ghost import of" in listing.content.decode()
    menu = client.get(reverse("wagtailadmin_home")).content.decode()  # the sidebar menu travels as JSON
    assert reverse("imports:index") in menu and "Imports" in menu
    detail = client.get(reverse("imports:inspect", args=[run.pk])).content.decode()
    assert "Harbour" in detail and "abc123" in detail and "Gone" in detail
    assert '<th scope="row">article</th><td>12</td>' in detail


def test_editors_without_the_permission_see_no_imports(client, run):
    from django.contrib.auth.models import Group

    user = User.objects.create_user("reporter", "r@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.get(reverse("imports:inspect", args=[run.pk])).status_code in (302, 403)
    assert client.get(reverse("imports:edit", args=[run.pk])).status_code in (302, 403, 404)
