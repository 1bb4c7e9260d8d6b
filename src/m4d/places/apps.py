from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "m4d.places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from m4d.core import search
        from m4d.places.search import CountrySearch

        search.register(CountrySearch())
