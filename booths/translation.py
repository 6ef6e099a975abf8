from modeltranslation.translator import TranslationOptions, register

from .models import Booth, Exhibitor, Expo, SupportProgramme


@register(Expo)
class ExpoTranslation(TranslationOptions):
    fields = ("name",)


@register(Booth)
class BoothTranslation(TranslationOptions):
    fields = ("name", "directions")


@register(Exhibitor)
class ExhibitorTranslation(TranslationOptions):
    fields = ("tagline", "story")


@register(SupportProgramme)
class SupportProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "badge", "explanation")
