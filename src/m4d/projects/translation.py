from modeltranslation.translator import TranslationOptions, register

from m4d.projects.models import CaseStudy, Project


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(CaseStudy)
class CaseStudyTranslation(TranslationOptions):
    fields = ("title", "summary", "what_was_done", "tools", "lessons")
