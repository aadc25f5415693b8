from wagtail import hooks

from masthead.imports.admin_views import ImportRunViewSet


@hooks.register("register_admin_viewset")
def register_import_viewset():
    return ImportRunViewSet("imports")
