from django.urls import path

from masthead.distribution import feeds, sitemaps, views

app_name = "distribution"
urlpatterns = [
    path("feeds/<str:fmt>/", feeds.feed, name="site_feed"),
    path("feeds/<str:kind>/<str:slug>/<str:fmt>/", feeds.feed, name="feed"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", sitemaps.sitemap_section, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("logo.png", views.logo, name="logo"),
    path("social-card.png", views.social_card, name="social_card"),
]
