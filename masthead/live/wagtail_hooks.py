from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from masthead.live import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("live/", include((admin_views.urlpatterns, "live_admin")))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("live.pin", "Pin to key events", "Pinned to the key events")
    actions.register_action("live.unpin", "Unpin from key events", "Removed from the key events")


def live_entries_item(page, user, priority):
    from masthead.live.models import LivePage

    if page.specific_class is not LivePage or not page.permissions_for_user(user).can_edit():
        return []
    url = reverse("live_admin:entries", args=[page.pk])
    return [PageMenuItem(label="Live entries", url=url, icon_name="time", priority=priority, page=page)]


@hooks.register("register_page_header_buttons")
def live_entries_header_button(page, user, view_name, next_url=None):
    """In the live page's editor: its entries and the quick-add form, one click away."""
    yield from live_entries_item(page, user, priority=5)


@hooks.register("register_page_listing_more_buttons")
def live_entries_listing_button(page, user, next_url=None):
    yield from live_entries_item(page, user, priority=5)
