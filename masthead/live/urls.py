from django.urls import path

from masthead.live import feeds, views

app_name = "live"
urlpatterns = [
    path("<int:page_id>/updates/", views.updates, name="updates"),
    path("<int:page_id>/feeds/<str:fmt>/", feeds.feed, name="feed"),
]
