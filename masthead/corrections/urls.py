from django.urls import path

from masthead.corrections import views

app_name = "corrections"
urlpatterns = [
    path("", views.log, name="log"),
    path("feeds/<str:fmt>/", views.feed, name="feed"),
    path("changes/<int:page_id>/", views.changes, name="changes"),
]
