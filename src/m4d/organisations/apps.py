from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "m4d.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from m4d.core import search
        from m4d.organisations.search import OrganisationSearch

        search.register(OrganisationSearch())
