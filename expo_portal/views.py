from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from booths.models import Exhibitor, Expo
from products.models import Product


def home(request):
    """The booth's front page: the current expo and stand, and what is on show."""
    expo = Expo.objects.current()
    booth = expo.booths.first() if expo else None
    context = {
        "expo": expo,
        "booth": booth,
        "exhibitor_count": Exhibitor.objects.approved().count(),
        "product_count": Product.objects.published().count(),
        "demo_logins": settings.DEMO_LOGINS if settings.DEMO_MODE else [],
    }
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 while the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
