from laces.components import Component
from wagtail import hooks

from masthead.core.worker_status import worker_status


class WorkerStatusPanel(Component):
    template_name = "core/worker_status_panel.html"
    order = 50  # near the top: if the worker is down, nothing else in the background happens

    def get_context_data(self, parent_context=None):
        return {"status": worker_status()}


@hooks.register("construct_homepage_panels")
def add_worker_status_panel(request, panels):
    if request.user.is_superuser or request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(WorkerStatusPanel())


@hooks.register("register_admin_urls")
def register_lockouts_url():
    from django.urls import path

    from masthead.core.lockouts import lockouts_view

    return [path("lockouts/", lockouts_view, name="masthead_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    class SuperuserMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.is_superuser

    return SuperuserMenuItem("Sign-in lockouts", reverse("masthead_lockouts"), icon_name="lock", order=900)
