"""The live page's own admin screen: its entries, newest first, beside a quick-add form; edit, delete, pin.

Anyone who may edit the live page may manage its entries. Every change is written to Wagtail's history
(``wagtail.log_actions``) with who made it, and shows in the admin's site history report.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from masthead.core.admin_pages import titled
from masthead.live.forms import EntryForm, QuickEntryForm
from masthead.live.models import LiveEntry, LivePage


def editable_page(request, page_id):
    page = get_object_or_404(LivePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def editable_entry(request, entry_id):
    entry = get_object_or_404(LiveEntry.objects.select_related("page"), pk=entry_id)
    editable_page(request, entry.page_id)
    return entry


def entries(request, page_id):
    page = editable_page(request, page_id)
    form = QuickEntryForm(initial={"authors": [author.pk for author in page.authors]})
    status = 200
    if request.method == "POST":
        form = QuickEntryForm(request.POST)
        if form.is_valid():
            entry = form.save(page)
            log(entry, "wagtail.create", user=request.user)
            messages.success(request, f"Entry “{entry}” added; open pages show it at their next check.")
            return redirect("live_admin:entries", page.pk)
        status = 400
    return TemplateResponse(
        request,
        "live/admin/entries.html",
        {
            "page": page,
            "form": form,
            "entries": page.published_entries(),
            **titled(f"Live entries: {page.title}"),
        },
        status=status,
    )


def edit(request, entry_id):
    entry = editable_entry(request, entry_id)
    form = EntryForm(instance=entry)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST, instance=entry)
        if form.is_valid():
            form.save()
            log(entry, "wagtail.edit", user=request.user)
            messages.success(request, f"Entry “{entry}” saved.")
            return redirect("live_admin:entries", entry.page_id)
        status = 400
    return TemplateResponse(
        request,
        "live/admin/edit.html",
        {"entry": entry, "page": entry.page, "form": form, **titled(f"Edit entry: {entry}")},
        status=status,
    )


def delete(request, entry_id):
    entry = editable_entry(request, entry_id)
    if request.method == "POST":
        page_id, label = entry.page_id, str(entry)
        log(entry, "wagtail.delete", user=request.user)
        entry.delete()
        messages.success(request, f"Entry “{label}” deleted.")
        return redirect("live_admin:entries", page_id)
    return TemplateResponse(
        request, "live/admin/delete.html", {"entry": entry, "page": entry.page, **titled("Delete entry")}
    )


@require_POST
def pin(request, entry_id):
    entry = editable_entry(request, entry_id)
    entry.is_key_event = not entry.is_key_event
    entry.save(update_fields=["is_key_event", "updated_at"])
    log(entry, "live.pin" if entry.is_key_event else "live.unpin", user=request.user)
    messages.success(request, f"“{entry}” {'pinned to' if entry.is_key_event else 'removed from'} the key events.")
    return redirect("live_admin:entries", entry.page_id)


urlpatterns = [
    path("<int:page_id>/entries/", entries, name="entries"),
    path("entries/<int:entry_id>/edit/", edit, name="edit"),
    path("entries/<int:entry_id>/delete/", delete, name="delete"),
    path("entries/<int:entry_id>/pin/", pin, name="pin"),
]
