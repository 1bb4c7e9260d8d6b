from allauth.account.apps import AccountConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    # The module holds allauth's configuration too: this one is m4d.accounts'.
    default = True
    name = "m4d.accounts"
    verbose_name = _("People")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from m4d.accounts import handlers, rules  # noqa: F401  (rules register themselves)
        from m4d.core import navigation

        navigation.register_header_template("accounts/partials/header_account.html")

        user_logged_in.connect(
            handlers.remember_preferred_language, dispatch_uid="m4d.login_language"
        )


class AllauthAccountConfig(AccountConfig):
    """allauth's account app (e-mail addresses and their confirmations), named for what it holds:
    its own name ("Accounts") would sit beside ours in the admin."""

    default = False
    verbose_name = _("E-mail addresses")
