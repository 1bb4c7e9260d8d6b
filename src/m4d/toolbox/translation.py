from modeltranslation.translator import TranslationOptions, register

from m4d.toolbox.models import (
    BuildingBlock,
    Capital,
    CaseStudy,
    Figure,
    Option,
    Recommendation,
    Reference,
    Section,
)


@register(Figure)
class FigureTranslation(TranslationOptions):
    fields = ("title",)


@register(Capital)
class CapitalTranslation(TranslationOptions):
    fields = ("name", "summary", "contributes")


@register(CaseStudy)
class CaseStudyTranslation(TranslationOptions):
    fields = ("title", "summary", "what_was_done", "tools", "lessons")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "purpose")


@register(Option)
class OptionTranslation(TranslationOptions):
    fields = ("title", "summary", "benefits", "key_issues")


@register(BuildingBlock)
class BuildingBlockTranslation(TranslationOptions):
    fields = ("title", "summary", "benefits", "challenges", "solutions")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Reference)
class ReferenceTranslation(TranslationOptions):
    fields = ("title", "summary")
