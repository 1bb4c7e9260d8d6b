from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "m4d.organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from m4d.core import figures, navigation, search
        from m4d.organisations import rules  # noqa: F401  (registers the organisations permission rules)
        from m4d.organisations.models import Organisation
        from m4d.organisations.search import OrganisationSearch, organisations_in_countries

        search.register(OrganisationSearch())
        search.follow("country", "organisation", organisations_in_countries)
        navigation.register(
            navigation.Entry(_("Organisations"), "organisations:list", "organisations", order=20)
        )
        navigation.register_header_template("organisations/partials/header_acting.html")
        figures.register(
            figures.Figure(
                "places.country",
                "organisation_count",
                _("Organisations"),
                lambda: figures.count_of(Organisation, "country"),
            )
        )
        # Claims and merges: memberships and claims move with a merge (projects adds its own).
        from m4d.organisations import merges

        merges.register_own_participants()
