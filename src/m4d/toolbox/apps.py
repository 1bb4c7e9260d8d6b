from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "m4d.toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        from m4d.core import related, search
        from m4d.toolbox import selectors
        from m4d.toolbox.search import ADAPTERS

        for adapter in ADAPTERS:
            search.register(adapter())
        related.register("projects.project", selectors.links_for_project)
        related.register("projects.casestudy", selectors.links_for_case)
