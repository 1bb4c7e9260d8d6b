from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "m4d.toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        from m4d.core import navigation, panels, related, search, shipped
        from m4d.toolbox import (
            rules,  # noqa: F401  (registers the toolbox permission rules)
            selectors,
            services,
        )
        from m4d.toolbox.search import ADAPTERS, FOLLOWERS, case_study_words

        for adapter in ADAPTERS:
            search.register(adapter())
        for shown, kind, ids_showing in FOLLOWERS:
            search.follow(shown, kind, ids_showing)
        search.contribute("project", case_study_words)
        related.register("projects.project", selectors.links_for_project)
        related.register("toolbox.casestudy", selectors.links_for_case)
        navigation.register(navigation.Entry(_("Toolbox"), "toolbox:index", "toolbox", order=60))
        shipped.register(
            shipped.Loader(
                "toolbox", services.data_files, services.load_toolbox, after=("registry",)
            )
        )
        panels.register(
            "projects.project", "toolbox/panels/project_cases.html", selectors.project_cases
        )
