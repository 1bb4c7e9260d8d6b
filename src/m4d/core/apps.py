from django.apps import AppConfig, apps
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "m4d.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib import admin

        from m4d.core import checks, rules  # noqa: F401  (register the system checks, the job rules)

        # The admin under the site's name, in the language of the page (not "Django administration").
        admin.site.site_header = format_lazy(
            _("{site} administration"), site=settings.M4D_SITE_NAME
        )
        admin.site.site_title = format_lazy(_("{site} administration"), site=settings.M4D_SITE_NAME)
        admin.site.index_title = _("Records, people and tasks")
        # django-tasks' database backend (the job queue) names itself "Tasks Database Backend",
        # untranslated, in the admin.
        if apps.is_installed("django_tasks_db"):
            tasks = apps.get_app_config("django_tasks_database")
            tasks.verbose_name = _("Background tasks")
