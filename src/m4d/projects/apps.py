from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "m4d.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from m4d.core import search
        from m4d.projects import jobs  # noqa: F401  (registers the job handlers)
        from m4d.projects.search import CaseStudySearch, ProjectSearch

        search.register(ProjectSearch())
        search.register(CaseStudySearch())
