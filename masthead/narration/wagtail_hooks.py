from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from masthead.narration.admin_views import NarrationPermissionPolicy, NarrationViewSet, PronunciationViewSet
from masthead.narration.models import Narration

register_permission_policy(Narration, NarrationPermissionPolicy(Narration))
register_snippet(PronunciationViewSet)


@hooks.register("register_admin_viewset")
def register_narration_viewset():
    return NarrationViewSet("narrations")
