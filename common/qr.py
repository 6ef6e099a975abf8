"""QR codes on paper (stand cards, the printed catalogue): their base address and drawing."""

import segno
from django.conf import settings
from django.utils.safestring import mark_safe


def public_base_url(request=None) -> str:
    """``EXPO_PUBLIC_BASE_URL``, else the scheme and host the page was opened on."""
    if settings.EXPO_PUBLIC_BASE_URL:
        return settings.EXPO_PUBLIC_BASE_URL.rstrip("/")
    if request is None:
        raise ValueError("Set EXPO_PUBLIC_BASE_URL to build public URLs without a request.")
    return request.build_absolute_uri("/").rstrip("/")


def qr_svg(data: str, *, title: str = "") -> str:
    """An inline, scalable SVG of ``data`` (error correction M, quiet zone of 4 modules).

    segno writes only ``viewBox``, ``class`` and path attributes: no style attribute,
    so the card sheet stays within the Content-Security-Policy.
    """
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(
        scale=1,
        border=4,
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
        title=title or None,
    )
    # segno escapes the title it writes; the rest is its own markup.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308
