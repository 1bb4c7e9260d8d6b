from django.urls import path

from m4d.places import views

app_name = "places"
urlpatterns = [
    path("", views.country_list, name="list"),
    path("map/", views.map_page, name="map"),
    path("map/outlines-<str:version>.svg", views.map_outlines, name="map_outlines"),
    path("<str:iso2>/", views.country_detail, name="country"),
]
