"""The admin's "Imports": every run with its status and progress, and one run's summary and warnings."""

from wagtail.admin.viewsets.model import ModelViewSet

from masthead.imports.models import ImportRun


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
