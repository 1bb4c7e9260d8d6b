from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "m4d.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from m4d.accounts import handlers, roles

        # Sent once per app after all migrations ran: the registry's tables exist by then.
        post_migrate.connect(
            roles.create_editors_group, sender=self, dispatch_uid="m4d.editors_group"
        )
        user_logged_in.connect(
            handlers.remember_preferred_language, dispatch_uid="m4d.login_language"
        )
