"""Admin permission policies shared by apps."""

from wagtail.permission_policies.base import ModelPermissionPolicy


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Records the system writes, not editors (narrations, import runs): holders of ``view_permission`` may look,
    nobody adds, edits or deletes by hand."""

    def __init__(self, model, view_permission: str, **kwargs):
        super().__init__(model, **kwargs)
        self.view_permission = view_permission

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.has_perm(self.view_permission)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        return self.model.objects.all() if self.user_has_permission(user, action) else self.model.objects.none()
