"""Small helpers for the owner's pages."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from buyers.choices import LeadStatus

register = template.Library()

LEAD_TONES = {
    LeadStatus.NEW: "new",
    LeadStatus.CONTACTED: "open",
    LeadStatus.SAMPLE_SENT: "open",
    LeadStatus.QUOTED: "open",
    LeadStatus.AGREED: "won",
    LeadStatus.SHIPPED: "won",
    LeadStatus.LOST: "closed",
    LeadStatus.SPAM: "closed",
}


@register.filter
def lead_tone(status) -> str:
    return LEAD_TONES.get(status, "open")


@register.filter
def idle_days(lead) -> int:
    """Whole days since anyone last touched the lead (status change or note)."""
    last = lead.last_activity_at or lead.created_at
    return (timezone.now() - last).days


@register.simple_tag(takes_context=True)
def actor_label(context, event) -> str:
    """Who wrote a history entry, as the owner should read it."""
    actor = event.actor
    if actor is None:
        return _("The buyer, through the website") if not event.from_status else _("BP2MI")
    if actor == context["request"].user:
        return _("You")
    if actor.is_staff:
        return _("BP2MI staff")
    return actor.get_full_name() or actor.get_username()


@register.filter
def thumbnail_url(product) -> str:
    """The product's first photo at card size, from prefetched photos ('' without one)."""
    images = product.images.all()
    if not images:
        return ""
    image = images[0]
    best = image.best(400)
    return best[0] if best else image.image.url
