from django.db import models
from django.utils.translation import gettext_lazy as _


class BuyerType(models.TextChoices):
    IMPORTER = "importer", _("Importer")
    DISTRIBUTOR = "distributor", _("Distributor")
    RETAILER = "retailer", _("Retailer")
    WHOLESALER = "wholesaler", _("Wholesaler")
    ECOMMERCE = "ecommerce", _("E-commerce")
    HOSPITALITY = "hospitality", _("Hotel, restaurant or café")
    OTHER = "other", _("Other")


class DelegateType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    EMBASSY = "embassy", _("Embassy or consulate")
    EMPLOYER = "employer", _("Employer")
    ASSOCIATION = "association", _("Association")
    RECRUITMENT_AGENCY = "recruitment_agency", _("Recruitment agency")
    OTHER = "other", _("Other")


class LeadKind(models.TextChoices):
    TRADE = "trade", _("Trade inquiry")
    PLACEMENT = "placement", _("Placement cooperation")


class LeadSource(models.TextChoices):
    WEB = "web", _("Website")
    BOOTH = "booth", _("At the booth (QR code)")
    STAFF = "staff", _("Entered by staff")
    BOOTH_STAFF = "booth_staff", _("Booth staff (captured at the stand)")


class LeadRating(models.TextChoices):
    """How promising the booth found a visitor, at the stand."""

    HOT = "hot", _("Hot")
    WARM = "warm", _("Warm")
    COLD = "cold", _("Cold")


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    SAMPLE_SENT = "sample_sent", _("Sample sent")
    QUOTED = "quoted", _("Quoted")
    AGREED = "agreed", _("Agreed")
    SHIPPED = "shipped", _("Shipped")
    LOST = "lost", _("Lost")
    SPAM = "spam", _("Spam")


class Timeline(models.TextChoices):
    NOW = "now", _("As soon as possible")
    MONTHS_1_3 = "1_3_months", _("In 1 to 3 months")
    MONTHS_3_6 = "3_6_months", _("In 3 to 6 months")
    LATER = "later", _("Later than 6 months")
    EXPLORING = "exploring", _("Just exploring")


class TradeInterest(models.TextChoices):
    """What a buyer writing to a business as a whole (not about one product) is after."""

    PRODUCTS = "products", _("Their products in general")
    CUSTOM = "custom", _("Custom, private-label or OEM work")
