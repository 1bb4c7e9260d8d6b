from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "m4d.places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from m4d.core import navigation, search, shipped
        from m4d.places import (
            rules,  # noqa: F401  (registers the places permission rules)
            services,
        )
        from m4d.places.search import CountrySearch

        search.register(CountrySearch())
        navigation.register(navigation.Entry(_("Countries"), "places:list", "countries", order=30))
        navigation.register(navigation.Entry(_("Map"), "places:map", "map", order=40))
        shipped.register(shipped.Loader("countries", None, services.load_countries_and_index))
