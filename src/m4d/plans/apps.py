from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "m4d.plans"
    verbose_name = _("Project design studio")

    def ready(self) -> None:
        from m4d.core import generation, jobs, navigation
        from m4d.plans import jobs as plan_jobs  # registers the export job's handler
        from m4d.plans import rules  # noqa: F401  (registers the plans permission rules)
        from m4d.plans.exports import admin  # noqa: F401  (registers the templates' admin)
        from m4d.plans.exports import rules as export_rules  # noqa: F401  (and their rules)
        from m4d.plans.exports.services import EXPORT_JOB

        # Plans are private working documents: saving one (autosave included) must not empty
        # the public pages' caches. Proposal templates show on no public page either.
        generation.never_public(
            "plans.plan",
            "plans.collaborator",
            "plans.planstep",
            "plans.planversion",
            "plans.proposaltemplate",
            "plans.planinvitation",
            "plans.plancomment",
            "plans.plannotification",
        )
        navigation.register(navigation.Entry(_("Plans"), "plans:list", "plans", order=70))
        navigation.register_header_template("plans/partials/header_notifications.html")
        jobs.register_kind(
            jobs.JobKind(
                EXPORT_JOB,
                _("Plan export"),
                "plans/export_result.html",
                link=plan_jobs.exports_link,
            )
        )
