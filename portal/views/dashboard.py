"""The owner's overview: their business, their products' review, new leads, what is missing."""

from django.shortcuts import render

from common.permissions import owner_view

from .. import selectors


@owner_view
def dashboard(request):
    return render(request, "portal/dashboard.html", selectors.dashboard(request.user))
