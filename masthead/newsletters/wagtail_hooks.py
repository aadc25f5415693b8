"""Newsletters in the Wagtail admin: newsletters, issues (with a send page), subscribers, suppressions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from masthead.newsletters import admin_views
from masthead.newsletters.models import ConfirmationRetry, Issue, Newsletter, Subscriber, Suppression
from masthead.newsletters.subscribers_admin import SubscriberViewSet
from masthead.newsletters.subscriptions import erase_subscriber, log_erasure


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    list_display = ["name", "cadence", "host", "active", "sort_order"]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full"
    list_display = ["subject", "newsletter", "status", "created_at"]
    list_filter = ["newsletter", "status"]


class SuppressionViewSet(SnippetViewSet):
    model = Suppression
    icon = "cross"
    list_display = ["__str__", "reason", "created_at"]
    list_filter = ["reason"]


class ListOnlyPolicy(ModelPermissionPolicy):
    """Rows the system keeps (nobody adds or edits them); administrators may look and delete."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


class ConfirmationRetryViewSet(SnippetViewSet):
    model = ConfirmationRetry
    icon = "time"
    menu_label = "Confirmations waiting"
    list_display = ["subscriber", "status", "attempts", "next_attempt_at", "last_error", "created_at"]
    list_filter = ["status"]
    inspect_view_enabled = True


class NewslettersGroup(SnippetViewSetGroup):
    menu_label = "Newsletters"
    menu_icon = "mail"
    menu_order = 250
    items = (NewsletterViewSet, IssueViewSet, SubscriberViewSet, SuppressionViewSet, ConfirmationRetryViewSet)


register_permission_policy(ConfirmationRetry, ListOnlyPolicy(ConfirmationRetry))
register_snippet(NewslettersGroup)

admin_urls = [
    path("issue/<int:pk>/send/", admin_views.issue_send, name="issue_send"),
    path("newsletter/<int:pk>/numbers/", admin_views.newsletter_numbers, name="newsletter_numbers"),
    path("subscriber/<int:pk>/export/", admin_views.subscriber_export, name="subscriber_export"),
    path("subscriber/<int:pk>/erase/", admin_views.subscriber_erase, name="subscriber_erase"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("newsletters/", include((admin_urls, "newsletters_admin")))]


@hooks.register("register_snippet_listing_buttons")
def newsletter_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Issue) and user.has_perm("newsletters.change_issue"):
        label = "Send" if snippet.status == Issue.Status.DRAFT else "Progress and report"
        yield ListingButton(
            label, reverse("newsletters_admin:issue_send", args=[snippet.pk]), priority=5, icon_name="mail"
        )
    if isinstance(snippet, Newsletter) and user.has_perm("newsletters.view_newsletter"):
        yield ListingButton(
            "Numbers",
            reverse("newsletters_admin:newsletter_numbers", args=[snippet.pk]),
            priority=5,
            icon_name="list-ul",
        )
    if isinstance(snippet, Subscriber):
        if user.has_perm("newsletters.change_subscriber"):
            yield ListingButton(
                "Export data", reverse("newsletters_admin:subscriber_export", args=[snippet.pk]), priority=20
            )
        if user.has_perm("newsletters.delete_subscriber"):
            yield ListingButton("Erase", reverse("newsletters_admin:subscriber_erase", args=[snippet.pk]), priority=30)


@hooks.register("register_log_actions")
def register_erasure_log_action(actions):
    actions.register_action("newsletters.erase", "Erase subscriber", "Erased a subscriber's personal data")


@hooks.register("before_bulk_action")
def erase_instead_of_bulk_deleting_subscribers(request, action_type, objects, action_class_instance):
    """The listing's bulk Delete of subscribers erases each one (see SubscriberDeleteView), then goes back."""
    if action_type != "delete" or not objects or not all(isinstance(item, Subscriber) for item in objects):
        return None
    for subscriber in objects:
        log_erasure(subscriber, request.user)
        erase_subscriber(subscriber)
    messages.success(request, f"{len(objects)} subscriber(s) and their history were erased.")
    back = action_class_instance.next_url
    return redirect(back if back != request.path else reverse("wagtailsnippets_newsletters_subscriber:list"))
