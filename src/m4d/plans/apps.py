from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "m4d.plans"
    verbose_name = _("Project design studio")

    def ready(self) -> None:
        from m4d.core import generation, navigation, related
        from m4d.plans import rules  # noqa: F401  (registers the plans permission rules)
        from m4d.plans.starters import links_for_project

        # Plans are private working documents: saving one (autosave included) must not empty
        # the public pages' caches.
        generation.never_public(
            "plans.plan", "plans.collaborator", "plans.planstep", "plans.planversion"
        )
        navigation.register(navigation.Entry(_("Plans"), "plans:list", "plans", order=70))
        # "Start a plan from this project" on registry project pages.
        related.register("projects.project", links_for_project)
