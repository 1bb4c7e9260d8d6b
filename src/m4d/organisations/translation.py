from modeltranslation.translator import TranslationOptions, register

from m4d.organisations.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    # Most names exist in one language only; the English column stays empty and falls back.
    fields = ("name",)
