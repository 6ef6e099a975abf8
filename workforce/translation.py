from modeltranslation.translator import TranslationOptions, register

from .models import Occupation, TrainingMedia, TrainingProgramme


@register(Occupation)
class OccupationTranslation(TranslationOptions):
    fields = ("name", "summary", "standard", "certification_body", "language_level", "modules")


@register(TrainingProgramme)
class TrainingProgrammeTranslation(TranslationOptions):
    fields = ("name", "outcomes")


@register(TrainingMedia)
class TrainingMediaTranslation(TranslationOptions):
    fields = ("caption",)
