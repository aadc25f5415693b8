from django.urls import path

from masthead.narration.feeds import PodcastFeed

app_name = "narration"
urlpatterns = [
    path("podcast.xml", PodcastFeed(), name="podcast"),
    path("podcast/<slug:section_slug>.xml", PodcastFeed(), name="section_podcast"),
]
