from django.urls import path

from m4d.organisations import claim_views, member_views, views

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
    path("logos/<str:name>", views.organisation_logo, name="logo"),
]

# Members: roles, removal, leaving, ownership, invitations, the organisation one acts for.
urlpatterns += [
    path("<int:pk>/members/", member_views.members, name="members"),
    path("<int:pk>/members/invite/", member_views.invite, name="invite"),
    path(
        "<int:pk>/members/<int:membership_pk>/role/", member_views.member_role, name="member_role"
    ),
    path(
        "<int:pk>/members/<int:membership_pk>/remove/",
        member_views.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/leave/", member_views.leave, name="leave"),
    path("<int:pk>/transfer/", member_views.transfer, name="transfer"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/resend/",
        member_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/cancel/",
        member_views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("invitations/<str:token>/", member_views.invitation, name="invitation"),
    path("acting/", member_views.act_for, name="act_for"),
]
