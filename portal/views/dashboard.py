"""The owner's overview: their business, their products' review, new leads, what is missing."""

from django.shortcuts import render

from .. import selectors
from .common import owner_view


@owner_view
def dashboard(request):
    return render(request, "portal/dashboard.html", selectors.dashboard(request.user))
