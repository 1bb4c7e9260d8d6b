from django.contrib import admin
from django.urls import include, path

from m4d.api import api
from m4d.projects import views as portfolio

urlpatterns = [
    path("", portfolio.home, name="home"),
    path("statistics/", portfolio.statistics, name="statistics"),
    path("", include("m4d.core.urls")),
    path("projects/", include("m4d.projects.urls")),
    path("organisations/", include("m4d.organisations.urls")),
    path("countries/", include("m4d.places.urls")),
    path("toolbox/", include("m4d.toolbox.urls")),
    path("plans/", include("m4d.plans.urls")),
    path("accounts/", include("m4d.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

# The 400, 403 and 404 pages are the templates of those names; the 500 page falls back to plain
# HTML when it cannot be drawn.
handler500 = "m4d.core.views.server_error"
