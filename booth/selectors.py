"""What one person may capture for: staff the whole current expo, an owner their own business."""

from booths.models import BoothPresence, Exhibitor, Expo
from products.models import Product

CAPTURE_PERMISSION = "booth.capture_lead"


def captures_for_any_business(user) -> bool:
    return user.has_perm(CAPTURE_PERMISSION)


def _current_expo(user):
    # Read once per request: the user object lives as long as the request.
    if not hasattr(user, "_booth_expo"):
        user._booth_expo = Expo.objects.current()
    return user._booth_expo


def businesses_for(user):
    """The businesses this person may capture leads for."""
    approved = Exhibitor.objects.approved()
    if captures_for_any_business(user):
        expo = _current_expo(user)
        on_show = BoothPresence.objects.filter(booth__expo=expo).values("exhibitor")
        return approved.filter(pk__in=on_show)
    return approved.filter(owners=user)


def may_capture(user) -> bool:
    return captures_for_any_business(user) or businesses_for(user).exists()


def products_for(user):
    """The published products of those businesses: the catalogue the device keeps."""
    return Product.objects.published().filter(exhibitor__in=businesses_for(user))
