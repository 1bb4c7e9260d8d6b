from django.urls import path

from m4d.toolbox import views

app_name = "toolbox"
urlpatterns = [
    path("", views.index, name="index"),
    path("capitals/<slug:key>/", views.capital_detail, name="capital"),
    path("sections/<str:number>/", views.section_detail, name="section"),
    # Option keys contain a slash ("2.1/virtual-networking-spaces"): the checklist comes first.
    path("options/<path:key>/checklist/", views.option_checklist, name="option_checklist"),
    path("options/<path:key>/", views.option_detail, name="option"),
    path("partnerships/", views.part3_chapter, {"chapter": 6}, name="partnerships"),
    path("stakeholders/", views.part3_chapter, {"chapter": 7}, name="stakeholders"),
    path("allies/", views.part3_chapter, {"chapter": 8}, name="allies"),
    path("risks/", views.risks, name="risks"),
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:box>/", views.case_detail, name="case"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("references/", views.references, name="references"),
]
