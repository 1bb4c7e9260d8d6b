from django.urls import path

from m4d.organisations import claim_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    # Claims and merges.
    path("<int:pk>/claim/", claim_views.claim_create, name="claim"),
    path("claims/", claim_views.claim_queue, name="claims"),
    path("claims/<int:pk>/", claim_views.claim_decide, name="claim_decide"),
    path("claims/<int:pk>/withdraw/", claim_views.claim_withdraw, name="claim_withdraw"),
    path("<int:pk>/merge/", claim_views.organisation_merge, name="merge"),
    path("merges/<int:pk>/undo/", claim_views.merge_undo, name="merge_undo"),
]
