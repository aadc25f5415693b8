"""Corrections in the admin as snippets (with Wagtail's history of every edit); nobody can delete one."""

from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.corrections.models import Correction, HiddenHistory


class NoDeletePolicy(ModelPermissionPolicy):
    """Django's model permissions, except delete: a correction is withdrawn (with a reason), never deleted."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        if action == "delete":
            return self.model.objects.none()
        return super().instances_user_has_permission_for(user, action)


class CorrectionViewSet(SnippetViewSet):
    model = Correction
    icon = "warning"
    menu_label = "Corrections"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["article", "kind", "made_at", "withdrawn_at"]
    list_filter = ["kind"]
    search_fields = ["text"]


register_permission_policy(Correction, NoDeletePolicy(Correction))
register_snippet(CorrectionViewSet)


class HiddenHistoryViewSet(SnippetViewSet):
    """Articles whose public "what changed" page lists only the dates of their versions."""

    model = HiddenHistory
    icon = "view"
    menu_label = "Hidden change histories"
    add_to_admin_menu = False
    list_display = ["article", "reason", "created_at"]


register_snippet(HiddenHistoryViewSet)
