"""Countries in the shared search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from m4d.core.search import Document
from m4d.places.models import Country


class CountrySearch:
    kind = "country"
    label = _("Country")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        countries = Country.objects.all()
        if ids is not None:
            countries = countries.filter(pk__in=ids)
        for country in countries.iterator():
            yield Document(
                kind=self.kind,
                object_id=country.pk,
                title_en=country.name_en or country.name,
                title_fr=country.name_fr or country.name,
                url=country.get_absolute_url(),
                names=" ".join(country.aliases),
                extra=" ".join([country.iso2, country.iso3]),
            )
