from modeltranslation.translator import TranslationOptions, register

from m4d.organisations.models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)
