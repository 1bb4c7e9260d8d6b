from django.apps import AppConfig
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class CoreConfig(AppConfig):
    # The module holds another app's configuration too: this one is m4d.core's.
    default = True
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


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database backend (the job queue), with a translated name in the admin instead
    of its untranslated "Tasks Database Backend"."""

    default = False
    verbose_name = _("Background tasks")  # type: ignore[assignment]  # lazy: translated when shown
