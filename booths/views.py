from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.text import Truncator

from common.cache import cached_fragment, cached_page, page_number, prefetch_fragments

from .models import Exhibitor, Expo, public_programmes

PAGE_SIZE = 24


def exhibitor_list(request):
    number = page_number(request.GET.get("page", "")) or "1"

    def build():
        exhibitors = Exhibitor.objects.approved().order_by("-featured", "name")
        page = Paginator(exhibitors, PAGE_SIZE).get_page(number)
        return render_to_string("booths/partials/exhibitor_list_body.html", {"page": page}, request)

    name = f"exhibitors?page={number}"
    return cached_page(
        request,
        name,
        lambda: render(
            request,
            "booths/exhibitor_list.html",
            {
                "body": cached_fragment(request, name, build),
                "page_address": request.path if number == "1" else f"{request.path}?page={number}",
            },
        ),
        ahead=(name,),
    )


def exhibitor_detail(request, slug):
    # The business itself is in the fragment too, so a warm page needs no query at all;
    # its form fields and meeting panel are read with it, in one round trip.
    page = f"exhibitor:{slug}"
    prefetch_fragments(request, page, f"{page}:interest", f"{page}:meetings")
    parts = cached_fragment(request, page, lambda: _detail_parts(request, slug))
    if parts is None:
        raise Http404
    return render(
        request, "booths/exhibitor_detail.html", {"exhibitor": parts["exhibitor"], "parts": parts}
    )


def _detail_parts(request, slug) -> dict | None:
    """The business page's content, the same for every visitor; None for no such
    business on show (not stored: unknown addresses never make cache entries)."""
    exhibitor = Exhibitor.objects.approved().filter(slug=slug).first()
    if exhibitor is None:
        return None
    prefetch_related_objects([exhibitor], public_programmes())
    expo = Expo.objects.current()
    days = (
        exhibitor.presences.filter(booth__expo=expo).values_list("day", flat=True).distinct()
        if expo
        else []
    )
    context = {
        "exhibitor": exhibitor,
        "expo": expo,
        "booth_days": sorted(days),
        "exhibitor_ld": exhibitor_json_ld(request, exhibitor),
    }
    description = Truncator(exhibitor.tagline or exhibitor.story).chars(155)
    return {
        "exhibitor": exhibitor,
        "meta": format_html('<meta name="description" content="{}">', description),
        "head": render_to_string("booths/partials/exhibitor_head.html", context, request),
        "body": render_to_string("booths/partials/exhibitor_body.html", context, request),
    }


def exhibitor_json_ld(request, exhibitor) -> dict:
    """schema.org Organization data for search engines and link previews."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": exhibitor.name,
        "description": exhibitor.tagline or exhibitor.story,
        "url": request.build_absolute_uri(exhibitor.get_absolute_url()),
        "founder": {"@type": "Person", "name": exhibitor.founder_name},
        "numberOfEmployees": exhibitor.employees,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": exhibitor.regency,
            "addressRegion": exhibitor.get_province_display(),
            "addressCountry": "ID",
        },
    }
