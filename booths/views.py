from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from common.cache import cache_public_page, cached_fragment, page_number

from .models import Exhibitor, Expo, public_programmes

PAGE_SIZE = 24


@cache_public_page(params={"page": page_number})
def exhibitor_list(request):
    number = page_number(request.GET.get("page", "")) or "1"

    def build():
        exhibitors = Exhibitor.objects.approved().order_by("-featured", "name")
        page = Paginator(exhibitors, PAGE_SIZE).get_page(number)
        return render_to_string("booths/partials/exhibitor_list_body.html", {"page": page}, request)

    body = cached_fragment(request, f"exhibitors?page={number}", build)
    return render(request, "booths/exhibitor_list.html", {"body": body})


@cache_public_page
def exhibitor_detail(request, slug):
    exhibitor = cached_fragment(
        request,
        f"exhibitor-object:{slug}",
        lambda: Exhibitor.objects.approved().filter(slug=slug).first(),
    )
    if exhibitor is None:
        raise Http404

    def build():
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
        return {
            "head": render_to_string("booths/partials/exhibitor_head.html", context, request),
            "body": render_to_string("booths/partials/exhibitor_body.html", context, request),
        }

    parts = cached_fragment(request, f"exhibitor:{exhibitor.pk}", build)
    return render(request, "booths/exhibitor_detail.html", {"exhibitor": exhibitor, "parts": parts})


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
