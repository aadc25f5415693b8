app_name = "narration"
urlpatterns = []
