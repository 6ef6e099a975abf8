from modeltranslation.translator import TranslationOptions, register

from .models import MeetingTable


# Buyers read a table's name on their meeting page and in their mail ("Table 1", "Meja 1").
@register(MeetingTable)
class MeetingTableTranslation(TranslationOptions):
    fields = ("name",)
