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
