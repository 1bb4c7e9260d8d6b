"""Organisations in the shared search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from m4d.core.search import Document
from m4d.organisations.models import Organisation


def organisations_in_countries(country_ids: Sequence[int]) -> list[int]:
    """An organisation's entry shows its country's name."""
    rows = Organisation.objects.filter(country_id__in=country_ids)
    return list(rows.values_list("pk", flat=True))


class OrganisationSearch:
    kind = "organisation"
    label = _("Organisation")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        # A merged record is hidden (decision 0011): re-indexing it removes its entry.
        organisations = Organisation.objects.select_related("country").filter(
            merged_into__isnull=True
        )
        if ids is not None:
            organisations = organisations.filter(pk__in=ids)
        labels_by_language = {}
        for lang in ("en", "fr"):
            with translation.override(lang):
                labels_by_language[lang] = {
                    value: str(label) for value, label in Organisation.Type.choices
                }
        for org in organisations.iterator(chunk_size=2000):
            country_en = org.country.name_en if org.country else ""
            country_fr = org.country.name_fr if org.country else ""
            yield Document(
                kind=self.kind,
                object_id=org.pk,
                title_en=org.name_with_gloss("en"),
                title_fr=org.name_with_gloss("fr"),
                url=org.get_absolute_url(),
                text_en=" · ".join(
                    filter(
                        None,
                        [labels_by_language["en"][org.type], org.city, country_en]
                        + [org.description_en or org.description_fr or ""],
                    )
                ),
                text_fr=" · ".join(
                    filter(
                        None,
                        [labels_by_language["fr"][org.type], org.city, country_fr]
                        + [org.description_fr or org.description_en or ""],
                    )
                ),
                extra=" ".join(filter(None, [org.iati_identifier, org.gloss_en, org.gloss_fr])),
            )
