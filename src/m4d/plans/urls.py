from django.urls import path

from m4d.plans import review_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    # Before the steps' generic `<pk>/<slug:step>/`: the review step has a page of its own.
    path("<int:pk>/review/", review_views.plan_review, name="review"),
]
