from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    """The 38 provinces of Indonesia, keyed by their ISO 3166-2:ID codes."""

    ACEH = "AC", _("Aceh")
    NORTH_SUMATRA = "SU", _("North Sumatra")
    WEST_SUMATRA = "SB", _("West Sumatra")
    RIAU = "RI", _("Riau")
    RIAU_ISLANDS = "KR", _("Riau Islands")
    JAMBI = "JA", _("Jambi")
    SOUTH_SUMATRA = "SS", _("South Sumatra")
    BANGKA_BELITUNG = "BB", _("Bangka Belitung Islands")
    BENGKULU = "BE", _("Bengkulu")
    LAMPUNG = "LA", _("Lampung")
    JAKARTA = "JK", _("Jakarta")
    WEST_JAVA = "JB", _("West Java")
    BANTEN = "BT", _("Banten")
    CENTRAL_JAVA = "JT", _("Central Java")
    YOGYAKARTA = "YO", _("Yogyakarta")
    EAST_JAVA = "JI", _("East Java")
    BALI = "BA", _("Bali")
    WEST_NUSA_TENGGARA = "NB", _("West Nusa Tenggara")
    EAST_NUSA_TENGGARA = "NT", _("East Nusa Tenggara")
    WEST_KALIMANTAN = "KB", _("West Kalimantan")
    CENTRAL_KALIMANTAN = "KT", _("Central Kalimantan")
    SOUTH_KALIMANTAN = "KS", _("South Kalimantan")
    EAST_KALIMANTAN = "KI", _("East Kalimantan")
    NORTH_KALIMANTAN = "KU", _("North Kalimantan")
    NORTH_SULAWESI = "SA", _("North Sulawesi")
    GORONTALO = "GO", _("Gorontalo")
    CENTRAL_SULAWESI = "ST", _("Central Sulawesi")
    WEST_SULAWESI = "SR", _("West Sulawesi")
    SOUTH_SULAWESI = "SN", _("South Sulawesi")
    SOUTHEAST_SULAWESI = "SG", _("Southeast Sulawesi")
    MALUKU = "MA", _("Maluku")
    NORTH_MALUKU = "MU", _("North Maluku")
    PAPUA = "PA", _("Papua")
    WEST_PAPUA = "PB", _("West Papua")
    SOUTHWEST_PAPUA = "PD", _("Southwest Papua")
    CENTRAL_PAPUA = "PT", _("Central Papua")
    HIGHLAND_PAPUA = "PE", _("Highland Papua")
    SOUTH_PAPUA = "PS", _("South Papua")


class Sector(models.TextChoices):
    """Sectors Indonesian migrant workers are placed in (abroad, or sought by delegates)."""

    DOMESTIC_WORK = "domestic_work", _("Domestic work")
    CAREGIVING = "caregiving", _("Caregiving")
    HEALTHCARE = "healthcare", _("Healthcare and nursing")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction")
    HOSPITALITY = "hospitality", _("Hospitality and food service")
    AGRICULTURE = "agriculture", _("Agriculture and plantation")
    FISHERIES = "fisheries", _("Fisheries and shipping")
    OTHER = "other", _("Other")


class BusinessScale(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")


class ExportReadiness(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet exporting")
    READY = "ready", _("Ready to export")
    EXPORTING = "exporting", _("Already exporting")
