"""The owner's deals: recorded and updated from the lead they came from, never anyone else's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from buyers.models import ExpressionOfInterest
from common.forms import add_service_errors
from common.permissions import owned_object, owner_view
from deals.models import Deal
from deals.services import deal_record, deal_update

from ..forms import DealForm


def _data(request) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else ()


def _save(request, form, save) -> bool:
    """Call the service with the valid form; its refusal goes on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.deal_fields_data())
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@owner_view
@require_http_methods(["GET", "POST"])
def deal_add(request, pk):
    lead = (
        ExpressionOfInterest.objects.for_owner(request.user)
        .select_related("buyer", "exhibitor")
        .filter(pk=pk)
        .first()
    )
    if lead is None:
        raise Http404
    form = DealForm(*_data(request))
    if _save(request, form, lambda data: deal_record(lead=lead, actor=request.user, **data)):
        messages.success(request, _("The deal is saved. The inquiry's history shows it."))
        return redirect("portal:lead-detail", pk=lead.pk)
    return render(
        request,
        "portal/deal_form.html",
        {"form": form, "lead": lead, "deal": None},
        status=400 if request.method == "POST" else 200,
    )


@owner_view
@require_http_methods(["GET", "POST"])
def deal_edit(request, pk):
    deal = owned_object(
        Deal.objects.select_related("lead__buyer", "lead__exhibitor"), request.user, pk=pk
    )
    form = DealForm(*_data(request), instance=deal)
    if _save(request, form, lambda data: deal_update(deal=deal, actor=request.user, **data)):
        messages.success(request, _("The deal is saved. The inquiry's history shows it."))
        return redirect("portal:lead-detail", pk=deal.lead_id)
    return render(
        request,
        "portal/deal_form.html",
        {"form": form, "lead": deal.lead, "deal": deal},
        status=400 if request.method == "POST" else 200,
    )
