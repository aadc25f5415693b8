from wagtail import hooks
from wagtail.permissions import register_permission_policy

from masthead.imports.admin_views import ImportRunPermissionPolicy, ImportRunViewSet
from masthead.imports.models import ImportRun

register_permission_policy(ImportRun, ImportRunPermissionPolicy(ImportRun))


@hooks.register("register_admin_viewset")
def register_import_viewset():
    return ImportRunViewSet("imports")
