from django.urls import path

from m4d.organisations import member_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
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
