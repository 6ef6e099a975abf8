from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    SET = "set", _("set")
    PACK = "pack", _("pack")
    BOX = "box", _("box")
    CARTON = "carton", _("carton")
    DOZEN = "dozen", _("dozen")
    KILOGRAM = "kg", _("kilogram")
    GRAM = "g", _("gram")
    TONNE = "tonne", _("tonne")
    LITRE = "litre", _("litre")
    METRE = "metre", _("metre")
    SHEET = "sheet", _("sheet (cloth)")


class Incoterm(models.TextChoices):
    EXW = "EXW", _("EXW - Ex Works")
    FCA = "FCA", _("FCA - Free Carrier")
    FOB = "FOB", _("FOB - Free On Board")
    CFR = "CFR", _("CFR - Cost and Freight")
    CIF = "CIF", _("CIF - Cost, Insurance and Freight")
    DAP = "DAP", _("DAP - Delivered At Place")
    DDP = "DDP", _("DDP - Delivered Duty Paid")


class CertificationKind(models.TextChoices):
    HALAL = "halal", _("Halal (BPJPH)")
    BPOM_MD = "bpom_md", _("BPOM MD (domestic processed food)")
    BPOM_ML = "bpom_ml", _("BPOM ML (imported processed food)")
    PIRT = "pirt", _("P-IRT (home industry food)")
    SNI = "sni", _("SNI (Indonesian National Standard)")
    SVLK = "svlk", _("SVLK (legal timber)")
    ORGANIC = "organic", _("Organic")
    HACCP = "haccp", _("HACCP")
    OTHER = "other", _("Other")


# Short names for badges on product cards; brand-like, the same in both languages.
CERTIFICATION_SHORT_NAMES = {
    CertificationKind.HALAL: "Halal",
    CertificationKind.BPOM_MD: "BPOM MD",
    CertificationKind.BPOM_ML: "BPOM ML",
    CertificationKind.PIRT: "P-IRT",
    CertificationKind.SNI: "SNI",
    CertificationKind.SVLK: "SVLK",
    CertificationKind.ORGANIC: _("Organic"),
    CertificationKind.HACCP: "HACCP",
    CertificationKind.OTHER: _("Certified"),
}
