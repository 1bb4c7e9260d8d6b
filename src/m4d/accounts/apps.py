from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "m4d.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from m4d.accounts import handlers, rules  # noqa: F401  (rules register themselves)
        from m4d.core import navigation

        navigation.register_header_template("accounts/partials/header_account.html")

        user_logged_in.connect(
            handlers.remember_preferred_language, dispatch_uid="m4d.login_language"
        )
