from django.urls import path

from m4d.core import views

app_name = "core"
urlpatterns = [
    path("about/", views.about, name="about"),
    path("language/<str:code>/", views.choose_language, name="language"),
    path("search/", views.search_page, name="search"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
