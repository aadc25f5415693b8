"""Sign-in lockouts (django-axes) where administrators work: listed in Wagtail's admin, each one liftable."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone


def current_lockouts():
    """Attempts at or over the limit within the cool-off time: the accounts and addresses locked out now."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since)


def lockouts_view(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        attempt = AccessAttempt.objects.filter(pk=request.POST.get("attempt")).first()
        if attempt is not None:
            reset(username=attempt.username) if attempt.username else reset(ip=attempt.ip_address)
            messages.success(request, f"Lifted the lock on {attempt.username or attempt.ip_address}.")
        return redirect("masthead_lockouts")
    return TemplateResponse(
        request,
        "core/lockouts.html",
        {"lockouts": current_lockouts().order_by("-attempt_time"), "limit": settings.AXES_FAILURE_LIMIT},
    )
