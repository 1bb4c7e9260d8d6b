"""Projects in the shared search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from m4d.core.search import Document
from m4d.projects.models import Project


class ProjectSearch:
    kind = "project"
    label = _("Project")

    def documents(self, ids: Sequence[int] | None = None) -> Iterator[Document]:
        projects = Project.objects.with_relations()
        if ids is not None:
            projects = projects.filter(pk__in=ids)
        for project in projects.iterator(chunk_size=2000):
            countries = project.ordered_countries
            partners = [o.name_fr or o.name_en or "" for o in project.ordered_partners]
            yield Document(
                kind=self.kind,
                object_id=project.pk,
                title_en=f"{project.code} – {project.title_en or project.title_fr}",
                title_fr=f"{project.code} – {project.title_fr or project.title_en}",
                url=project.get_absolute_url(),
                text_en=project.summary_en or project.summary_fr or "",
                text_fr=project.summary_fr or project.summary_en or "",
                extra=" ".join(
                    [
                        project.slug,
                        project.iati_identifier,
                        *partners,
                        *(c.name_en or "" for c in countries),
                        *(c.name_fr or "" for c in countries),
                    ]
                ),
            )
