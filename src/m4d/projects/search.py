"""Projects in the shared search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from m4d.core.search import Document
from m4d.projects.models import Partnership, Project, ProjectCountry


def projects_with_partners(organisation_ids: Sequence[int]) -> list[int]:
    """A project's entry shows its partners' names."""
    rows = Partnership.objects.filter(organisation_id__in=organisation_ids)
    return list(rows.values_list("project_id", flat=True))


def projects_in_countries(country_ids: Sequence[int]) -> list[int]:
    """A project's entry shows its countries' names."""
    rows = ProjectCountry.objects.filter(country_id__in=country_ids)
    return list(rows.values_list("project_id", flat=True))


class ProjectSearch:
    kind = "project"
    label = _("Project")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        # Search answers everyone alike, so drafts (seen by editors only) are not indexed;
        # publishing one re-indexes it.
        projects = Project.objects.with_relations().filter(status=Project.Status.PUBLISHED)
        if ids is not None:
            projects = projects.filter(pk__in=ids)
        for project in projects.iterator(chunk_size=2000):
            countries = project.ordered_countries
            partners = [
                name for o in project.ordered_partners for name in (o.name, o.gloss_en, o.gloss_fr)
            ]
            yield Document(
                kind=self.kind,
                object_id=project.pk,
                title_en=f"{project.code} – {project.title_en or project.title_fr}",
                title_fr=f"{project.code} – {project.title_fr or project.title_en}",
                url=project.get_absolute_url(),
                text_en=project.summary_en or project.summary_fr or "",
                text_fr=project.summary_fr or project.summary_en or "",
                names=" ".join(
                    [
                        *(name or "" for name in partners),
                        *(c.name_en or "" for c in countries),
                        *(c.name_fr or "" for c in countries),
                        *(alias for c in countries for alias in c.aliases),
                    ]
                ),
                extra=" ".join([project.slug, project.iati_identifier]),
            )
