from modeltranslation.translator import TranslationOptions, register

from m4d.projects.models import Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary")
