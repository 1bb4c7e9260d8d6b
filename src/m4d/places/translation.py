from modeltranslation.translator import TranslationOptions, register

from m4d.places.models import Country


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
