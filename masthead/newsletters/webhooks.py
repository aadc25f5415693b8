"""Email services' tracking webhooks (bounces, complaints): django-anymail's own views, which check the basic-auth
secret and the service's signature, answering only for the service EMAIL_URL chose and only once
ANYMAIL_WEBHOOK_SECRET is set; anything else is a 404, never a 500. Events reach bounces.on_tracking."""

import logging
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)


@cache
def _tracking_views():
    from anymail.urls import urlpatterns

    suffix = "_tracking_webhook"
    return {p.name.removesuffix(suffix): p.callback for p in urlpatterns if (p.name or "").endswith(suffix)}


@csrf_exempt
def tracking(request, esp):
    view = _tracking_views().get(esp)
    chosen = settings.EMAIL_BACKEND.startswith(f"anymail.backends.{esp}.")
    if view is None or not chosen or not settings.ANYMAIL.get("WEBHOOK_SECRET"):
        raise Http404("No webhook here.")
    try:
        return view(request)
    except ImproperlyConfigured as exc:  # e.g. the service's signing key is missing from EMAIL_URL
        logger.error("The %s webhook is not configured: %s", esp, exc)
        return HttpResponse("This webhook is not configured.", status=503, content_type="text/plain")
