from django.urls import path
from django.views.generic import RedirectView

from m4d.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.<str:fmt>", views.export, name="export"),
    path("import/iati/", views.import_iati, name="import_iati"),
    path("import/iati/<int:pk>/", views.import_review, name="import_review"),
    path("import/iati/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("import/iati/<int:pk>/undo/", views.import_undo, name="import_undo"),
    # Case studies moved to the toolbox; their old addresses stay valid.
    path(
        "cases/",
        RedirectView.as_view(pattern_name="toolbox:cases", permanent=True),
        name="old_cases",
    ),
    path(
        "cases/<int:box>/",
        RedirectView.as_view(pattern_name="toolbox:case", permanent=True),
        name="old_case",
    ),
    path("<str:code>/", views.project_detail, name="detail"),
    path("<str:code>/edit/", views.project_edit, name="edit"),
]
