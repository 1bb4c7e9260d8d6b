from django.urls import path

from m4d.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/iati/", views.import_iati, name="import_iati"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:box>/", views.case_detail, name="case"),
    path("<str:code>/", views.project_detail, name="detail"),
]
