from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "m4d.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from m4d.core import checks, rules  # noqa: F401  (register the system checks, the job rules)
