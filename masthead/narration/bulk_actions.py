""" "Narrate" in the page explorer's bulk actions: queue older articles for the voice, then watch them in Narration."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import get_text_list
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from masthead.narration.service import request_narration


def _narratable(pages) -> list:
    from masthead.newsroom.models import ArticlePage

    return [page.specific for page in pages if page.specific_class is ArticlePage and page.live]


class NarrateBulkAction(PageBulkAction):
    display_name = "Narrate"
    action_type = "narrate"
    aria_label = "Narrate the selected articles"
    template_name = "narration/admin/confirm_bulk_narrate.html"
    action_priority = 60

    def check_perm(self, page):
        """Whoever may publish an article may have it read (as with "Re-narrate")."""
        return page.permissions_for_user(self.request.user).can_publish()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["narratable"] = _narratable(item["item"] for item in context["items"])
        return context

    @classmethod
    def execute_action(cls, objects, **kwargs):
        """Queue each live article whose audio is missing or out of date; returns (queued, up to date)."""
        queued = [article for article in _narratable(objects) if request_narration(article)]
        return len(queued), len(_narratable(objects)) - len(queued)

    def get_success_message(self, queued, unchanged):
        progress = reverse("narrations:index")
        parts = [f"{queued} article{'s' if queued != 1 else ''} queued for narration"]
        if unchanged:
            parts.append(f"{unchanged} already narrated, unchanged, or without a voice for its language")
        summary = get_text_list(parts, "and")
        return format_html('{}. <a href="{}">Follow the progress in Narration</a>.', summary, progress)
