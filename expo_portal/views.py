from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from booths.models import Exhibitor, Expo
from common.cache import cache_status, cached_fragment, cached_page
from common.release import release
from products.models import Category, Product

FEATURED_PRODUCTS = 8
FEATURED_EXHIBITORS = 6


def home(request):
    """The booth's front page: the current expo and stand, and what is on show."""

    def build():
        expo = Expo.objects.current()
        featured = (
            Product.objects.published()
            .with_card_data()
            .order_by("-featured", "-published_at", "-pk")[:FEATURED_PRODUCTS]
        )
        context = {
            "expo": expo,
            "booth": expo.booths.first() if expo else None,
            "exhibitor_count": Exhibitor.objects.approved().count(),
            "product_count": Product.objects.published().count(),
            "featured_products": featured,
            "featured_exhibitors": Exhibitor.objects.approved().order_by("-featured", "name")[
                :FEATURED_EXHIBITORS
            ],
            "categories": Category.objects.top_level(),
            "demo_logins": settings.DEMO_LOGINS if settings.DEMO_MODE else [],
        }
        return {
            "expo_name": expo.name if expo else "",
            "meta": render_to_string("partials/home_meta.html", context, request),
            "body": render_to_string("partials/home_body.html", context, request),
        }

    return cached_page(
        request,
        "home",
        lambda: render(
            request,
            "home.html",
            {"parts": cached_fragment(request, "home", build), "page_address": request.path},
        ),
        ahead=("home",),
    )


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 while the database answers, 503 when it does not. Says the
    release this app server runs (``common.release``): during a rolling restart, which
    servers have the new one.

    The cache is reported (up or down, memory limit, use and eviction policy) but does not
    decide the status: without Redis every app server still serves, only slower, and
    taking them all out of the balancer for it would turn a slowdown into an outage."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "down", **cache_status(), "release": release()},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "up", **cache_status(), "release": release()})


def robots_txt(request):
    """Let search engines read the public booth; keep them out of private areas."""
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [
            f"Disallow: /{code}/admin/",
            f"Disallow: /{code}/portal/",
            f"Disallow: /{code}/staff/",
        ]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
