import functools
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could end the script block or start markup, escaped as in
# Django's json_script, so data written by owners can never break out.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """schema.org data as a data block: never executed, so the CSP needs no nonce for it
    (and cached pages carry none)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 - JSON with <, > and & escaped above
    )


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """Canonical URL of this page and the same page in every language."""
    request = context["request"]
    return _alternate_links(request.build_absolute_uri(request.path))


@functools.lru_cache(maxsize=4096)
def _alternate_links(current: str) -> str:
    # The same address always gives the same links (the URL patterns are code): each
    # app process works them out once per page, at most for the last 4,096 pages.
    rows = [(code, translate_url(current, code)) for code, _name in settings.LANGUAGES]
    rows.append(("x-default", translate_url(current, settings.LANGUAGE_CODE)))
    return format_html(
        '<link rel="canonical" href="{}">\n{}',
        current,
        format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', rows),
    )
