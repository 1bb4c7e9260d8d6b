from django.urls import path

from m4d.plans import collab_views, export_views, monitoring_views, review_views, step_views, views

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
    # Collaboration (collab_views): before any generic `<pk>/<slug:step>/` pattern.
    path("notifications/", collab_views.notifications, name="notifications"),
    path(
        "notifications/<int:notification_pk>/",
        collab_views.notification,
        name="notification",
    ),
    path("invitations/<str:token>/", collab_views.invitation, name="invitation"),
    path("<int:pk>/people/", collab_views.people, name="people"),
    path("<int:pk>/people/invite/", collab_views.invite, name="invite"),
    path("<int:pk>/people/invite-partners/", collab_views.invite_partners, name="invite_partners"),
    path("<int:pk>/people/leave/", collab_views.leave, name="leave"),
    path(
        "<int:pk>/people/<int:collaborator_pk>/role/",
        collab_views.collaborator_role,
        name="collaborator_role",
    ),
    path(
        "<int:pk>/people/<int:collaborator_pk>/remove/",
        collab_views.collaborator_remove,
        name="collaborator_remove",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/resend/",
        collab_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/cancel/",
        collab_views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("<int:pk>/history/", collab_views.plan_history, name="history"),
    path("<int:pk>/history/<slug:step>/compare/", collab_views.compare, name="compare"),
    path("<int:pk>/history/<int:version_pk>/restore/", collab_views.restore, name="restore"),
    path("<int:pk>/comments/", collab_views.comments, name="comments"),
    path(
        "<int:pk>/comments/<int:comment_pk>/resolve/",
        collab_views.comment_resolve,
        name="comment_resolve",
    ),
    # Before any generic `<pk>/<slug:step>/` page: these are not steps' edit pages.
    path("<int:pk>/monitoring/", monitoring_views.monitoring_page, name="monitoring"),
    path("<int:pk>/funded/", monitoring_views.mark_funded, name="funded"),
    path("<int:pk>/registry/", monitoring_views.update_registry, name="registry"),
    # Generic, last: every other `<pk>/<word>/` path (review, monitoring…) goes before it.
    path("<int:pk>/<slug:step>/", step_views.step_page, name="step"),
]
