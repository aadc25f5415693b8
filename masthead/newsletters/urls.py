app_name = "newsletters"
urlpatterns = []
