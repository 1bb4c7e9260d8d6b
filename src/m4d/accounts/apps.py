from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "m4d.accounts"
    verbose_name = _("People")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from m4d.accounts import handlers, rules  # noqa: F401  (rules register themselves)
        from m4d.core import navigation

        navigation.register_header_template("accounts/partials/header_account.html")
        # allauth's account app (e-mail addresses and their confirmations) is also called
        # "Accounts": the admin would show two sections of that name.
        apps.get_app_config("account").verbose_name = _("E-mail addresses")

        user_logged_in.connect(
            handlers.remember_preferred_language, dispatch_uid="m4d.login_language"
        )
