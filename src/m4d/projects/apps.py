from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "m4d.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from m4d.core import figures, jobs, navigation, panels, search, shipped
        from m4d.projects import jobs as project_jobs  # registers the job handlers
        from m4d.projects import panels as project_panels
        from m4d.projects import (
            rules,  # noqa: F401  (registers the projects permission rules)
            services,
        )
        from m4d.projects import search as project_search

        search.register(project_search.ProjectSearch())
        search.follow("organisation", "project", project_search.projects_with_partners)
        search.follow("country", "project", project_search.projects_in_countries)
        navigation.register(navigation.Entry(_("Projects"), "projects:list", "projects", order=10))
        navigation.register(navigation.Entry(_("Statistics"), "statistics", "statistics", order=50))
        shipped.register(
            shipped.Loader(
                "registry", services.registry_files, services.load_registry, after=("countries",)
            )
        )
        jobs.register_kind(
            jobs.JobKind(
                project_jobs.IMPORT_KIND,
                _("IATI import"),
                "projects/partials/iati_import_result.html",
                link=project_jobs.review_link,
            )
        )
        # What country and organisation pages show of the registry (places and organisations
        # know nothing of projects).
        country, organisation = "places.country", "organisations.organisation"
        figures.register(
            figures.Figure(
                country, "project_count", _("Projects"), project_panels.projects_per_country
            )
        )
        figures.register(
            figures.Figure(
                organisation,
                "project_count",
                _("Projects"),
                project_panels.projects_per_organisation,
            )
        )
        template = "projects/panels/{}.html".format
        panels.register(
            country, template("country_projects"), project_panels.country_projects, order=10
        )
        panels.register(
            country, template("country_corridors"), project_panels.country_corridors, order=20
        )
        panels.register(
            organisation,
            template("organisation_projects"),
            project_panels.organisation_projects,
            order=10,
        )
        panels.register(
            organisation,
            template("organisation_co_partners"),
            project_panels.organisation_co_partners,
            order=20,
        )
        # Partnerships move with an organisation merge (and back with its undo).
        from m4d.organisations import merges
        from m4d.projects.merging import PARTICIPANT

        merges.register(PARTICIPANT)
