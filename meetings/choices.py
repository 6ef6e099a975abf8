from django.db import models
from django.utils.translation import gettext_lazy as _


class TablePurpose(models.TextChoices):
    ANY = "any", _("Businesses and the agency")
    TRADE = "trade", _("Businesses only")
    AGENCY = "agency", _("The agency only")


class MeetingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Held")
    NO_SHOW = "no_show", _("No-show")


# A meeting in one of these holds its slot (and its people's time); declined and
# cancelled meetings free them for others.
ACTIVE_STATUSES = (
    MeetingStatus.REQUESTED,
    MeetingStatus.CONFIRMED,
    MeetingStatus.ATTENDED,
    MeetingStatus.NO_SHOW,
)
# Still ahead of us: these can be confirmed, moved or cancelled.
OPEN_STATUSES = (MeetingStatus.REQUESTED, MeetingStatus.CONFIRMED)


class Side(models.TextChoices):
    """Who acted, or whose answer a request waits for."""

    HOST = "host", _("The host (business or agency)")
    GUEST = "guest", _("The guest (buyer or delegate)")
    STAFF = "staff", _("BP2MI staff")
    SYSTEM = "system", _("The portal")
