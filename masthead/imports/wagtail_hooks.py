from wagtail import hooks
from wagtail.permissions import register_permission_policy

from masthead.core.permissions import ViewOnlyPolicy
from masthead.imports.admin_views import ImportRunViewSet
from masthead.imports.models import ImportRun

register_permission_policy(ImportRun, ViewOnlyPolicy(ImportRun, "imports.view_importrun"))


@hooks.register("register_admin_viewset")
def register_import_viewset():
    return ImportRunViewSet("imports")
