from django.urls import path

from masthead.newsletters import archive, tracking, views, webhooks

app_name = "newsletters"
urlpatterns = [
    path("", views.index, name="index"),
    path("signup/", views.signup, name="signup"),
    path("signup/start/", views.signup_start, name="signup-start"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("t/o/<str:token>.gif", tracking.open_image, name="open"),
    path("t/c/<str:delivery>/<str:link>/", tracking.click, name="click"),
    path("webhooks/<str:esp>/tracking/", webhooks.tracking, name="tracking_webhook"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/issues/", archive.issue_list, name="archive"),
    path("<slug:slug>/issues/<int:pk>/", archive.issue_page, name="issue"),
]
