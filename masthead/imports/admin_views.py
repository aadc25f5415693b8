"""The admin's "Imports": every run with its status and progress, and one run's summary and warnings."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from masthead.imports.models import ImportRun


class ImportRunPermissionPolicy(ModelPermissionPolicy):
    """Runs are made by the import commands, not typed in: those allowed to view them may look, nobody edits."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm("imports.view_importrun")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        return self.model.objects.all() if self.user_has_permission(user, action) else self.model.objects.none()


class ImportRunViewSet(ModelViewSet):
    model = ImportRun
    icon = "download"
    menu_label = "Imports"
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["source"]  # never shown: runs come from the command line
    list_display = ["__str__", "source", "status", "progress_label", "warnings_count", "finished_at"]
    list_filter = ["system", "status"]
    inspect_view_fields = ["system", "source", "old_base_url", "status", "progress_label", "started_at", "finished_at"]
    inspect_template_name = "imports/admin/inspect.html"
