from django.urls import path

from masthead.newsroom import views

app_name = "newsroom"
urlpatterns = [
    path("authors/", views.author_index, name="authors"),
    path("authors/<slug:slug>/", views.author_page, name="author"),
    path("tags/", views.tag_index, name="tags"),
    path("tags/<slug:slug>/", views.tag_page, name="tag"),
    # Feed readers and old browsers ask for /favicon.ico whatever the page says: send them to the icon.
    path("favicon.ico", views.favicon, name="favicon"),
]
