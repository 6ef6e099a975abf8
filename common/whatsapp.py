"""WhatsApp click-to-chat links (https://wa.me/<digits>?text=...)."""

from urllib.parse import quote

import phonenumbers
from django.utils import translation
from django.utils.translation import gettext

WA_ME = "https://wa.me/"


def whatsapp_digits(phone):
    """The number in international form as digits only, or "" when it cannot be linked.

    ``phone`` is a ``PhoneNumber`` or text. Text must carry its country code ("+62 ..."
    or "0062 ..."): a national number cannot be linked, nor one with letters.
    """
    if not phone:
        return ""
    if isinstance(phone, phonenumbers.PhoneNumber):
        number = phone
    else:
        text = str(phone).strip().lstrip("( ")
        if any(char.isalpha() for char in text):
            return ""
        if text.startswith("00"):
            text = "+" + text[2:]
        if not text.startswith("+"):
            return ""
        try:
            number = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]


def chat_url(phone, text: str) -> str:
    """A wa.me link to ``phone`` with ``text`` typed in, or "" when the number cannot be linked."""
    digits = whatsapp_digits(phone)
    if not digits:
        return ""
    return f"{WA_ME}{digits}?text={quote(text, safe='')}"


def lead_whatsapp_url(lead):
    """A wa.me link to the lead's buyer with a greeting in the buyer's language, or ""."""
    buyer = lead.buyer
    if not buyer:
        return ""
    with translation.override(lead.language or "en"):
        text = gettext(
            "Hello %(name)s, this is %(business)s about your inquiry %(reference)s "
            "at the BP2MI booth, Trade Expo Indonesia."
        ) % {
            "name": buyer.name,
            "business": lead.exhibitor.name if lead.exhibitor else "",
            "reference": lead.reference,
        }
    return chat_url(buyer.phone, text)


def business_whatsapp_url(*, phone, business: str, buyer: str, reference: str) -> str:
    """A wa.me link from a buyer to a business at ``phone``, with a first line in the
    language of the page that names the inquiry's reference, or ""."""
    text = gettext(
        "Hello %(business)s, this is %(name)s about my inquiry %(reference)s "
        "from the BP2MI booth, Trade Expo Indonesia."
    ) % {"business": business, "name": buyer, "reference": reference}
    return chat_url(phone, text)
