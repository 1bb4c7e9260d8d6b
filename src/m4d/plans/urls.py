from django.urls import path

from m4d.plans import monitoring_views, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    # Before any generic `<pk>/<slug:step>/` page: these are not steps' edit pages.
    path("<int:pk>/monitoring/", monitoring_views.monitoring_page, name="monitoring"),
    path("<int:pk>/funded/", monitoring_views.mark_funded, name="funded"),
    path("<int:pk>/registry/", monitoring_views.update_registry, name="registry"),
]
