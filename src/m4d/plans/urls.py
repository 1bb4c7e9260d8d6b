from django.urls import path

from m4d.plans import step_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    # Generic: the review's and the monitoring's own paths go before it.
    path("<int:pk>/<slug:step>/", step_views.step_page, name="step"),
]
