from django.urls import path

from m4d.toolbox import views

app_name = "toolbox"
urlpatterns = [path("", views.index, name="index")]
