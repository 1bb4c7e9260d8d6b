from django.urls import path

from m4d.plans import export_views, review_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    # Before the steps' generic `<pk>/<slug:step>/`: the review step has a page of its own.
    path("<int:pk>/review/", review_views.plan_review, name="review"),
    path("<int:pk>/export/", export_views.plan_export, name="export"),
    path("<int:pk>/export/jobs/<int:job>/", export_views.plan_export_file, name="export_file"),
    path("<int:pk>/export/<slug:fmt>/", export_views.plan_export_download, name="export_download"),
]
