"""The admin's view of narrations: status for every editor, a preview player, and "re-narrate"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.narration.models import Narration, PronunciationEntry
from masthead.narration.service import request_narration


def can_renarrate(user, narration) -> bool:
    """Whoever may publish the article may have it read again."""
    return narration.article.permissions_for_user(user).can_publish()


def renarrate(request, pk, viewset=None):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"], "Re-narrate with the button (a POST request).")
    narration = get_object_or_404(Narration.objects.select_related("article"), pk=pk)
    if not can_renarrate(request.user, narration):
        raise PermissionDenied("You cannot publish this article, so you cannot re-narrate it.")
    article = narration.article.specific
    if request_narration(article, force=True):
        messages.success(request, f"“{article.title}” will be narrated again in a minute or two.")
    else:
        narration.refresh_from_db()
        messages.warning(request, f"“{article.title}” was not narrated: {narration.status_label}.")
    return redirect(viewset.get_url_name("inspect"), pk=narration.pk)


def narration_progress() -> dict:
    """How far the voice has got: counts by status, and the share no longer waiting (for the listing's bar)."""
    counts = dict(Narration.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    progress = {status: counts.get(status, 0) for status in Narration.Status.values}
    progress["total"] = sum(counts.values())
    progress["done"] = progress["total"] - progress[Narration.Status.PENDING]
    progress["percent"] = round(100 * progress["done"] / progress["total"]) if progress["total"] else 100
    return progress


class NarrationIndexView(ModelViewSet.index_view_class):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "narration_progress": narration_progress()}


class NarrationViewSet(ModelViewSet):
    model = Narration
    icon = "media"
    menu_label = "Narration"
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]  # never shown: nobody may add or edit a narration by hand
    list_display = ["article", "status_label", "duration_label", "attempts", "updated_at"]
    list_filter = ["status"]
    search_fields = ["article__title"]
    inspect_view_fields = [
        "article",
        "status_label",
        "error",
        "duration_label",
        "engine",
        "voice",
        "attempts",
        "narrated_at",
        "next_attempt_at",
    ]
    inspect_template_name = "narration/admin/inspect.html"
    index_view_class = NarrationIndexView
    index_template_name = "narration/admin/index.html"

    def get_queryset(self, request):
        return Narration.objects.select_related("article")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("renarrate/<int:pk>/", lambda request, pk: renarrate(request, pk, viewset=self), name="renarrate")
        ]


class PronunciationViewSet(SnippetViewSet):
    model = PronunciationEntry
    icon = "openquote"
    menu_label = "Pronunciations"
    list_display = ["term", "spoken_as", "case_sensitive", "updated_at"]
    search_fields = ["term", "spoken_as"]
