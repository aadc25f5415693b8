from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from masthead.core.permissions import ViewOnlyPolicy
from masthead.narration.admin_views import NarrationViewSet, PronunciationViewSet
from masthead.narration.bulk_actions import NarrateBulkAction
from masthead.narration.models import Narration

# Narrations are made by the voice: everyone in the admin may look.
register_permission_policy(Narration, ViewOnlyPolicy(Narration, "wagtailadmin.access_admin"))
register_snippet(PronunciationViewSet)
hooks.register("register_bulk_action", NarrateBulkAction)


@hooks.register("register_admin_viewset")
def register_narration_viewset():
    return NarrationViewSet("narrations")


@hooks.register("register_page_header_buttons")
def narration_status_button(page, user, view_name, next_url=None):
    """In the page editor's "more" menu of an article: its narration status, linking to the preview."""
    from django.urls import reverse
    from wagtail.admin.ui.menus.pages import PageMenuItem

    from masthead.newsroom.models import ArticlePage

    if page.specific_class is not ArticlePage:
        return
    narration = Narration.objects.filter(article_id=page.pk).first()
    if narration is None:
        return
    yield PageMenuItem(
        label=f"Narration: {narration.status_label}",
        url=reverse("narrations:inspect", args=[narration.pk]),
        icon_name="media",
        priority=66,
        page=page,
    )
