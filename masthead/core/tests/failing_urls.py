"""A URL configuration with a view that has a bug, so a test can see where a server error is reported."""

from django.urls import include, path


def broken_view(request, token):
    raise RuntimeError(f"a bug in a view ({token})")


urlpatterns = [path("broken/<str:token>/", broken_view), path("", include("masthead.urls"))]
handler500 = "masthead.core.errors.server_error"
