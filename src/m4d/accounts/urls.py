from django.urls import path

from m4d.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.create_token, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.revoke_token, name="token_revoke"),
]
