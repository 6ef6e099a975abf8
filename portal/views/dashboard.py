"""The owner's overview: their business, their products' review, new leads, what is missing."""

from django.shortcuts import render

from common.permissions import owner_view
from digest.models import DigestPreference

from .. import selectors


@owner_view
def dashboard(request):
    context = selectors.dashboard(request.user)
    context["digest_off"] = DigestPreference.objects.filter(
        user=request.user, subscribed=False
    ).exists()
    return render(request, "portal/dashboard.html", context)
