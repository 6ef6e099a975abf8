"""The owner's leads: only those about their own business, moved along and annotated."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from buyers.models import OPEN_STATUSES, ExpressionOfInterest
from buyers.services import lead_add_note, lead_change_status
from common.forms import add_service_errors
from common.permissions import owner_view
from common.whatsapp import lead_whatsapp_url

from .. import selectors
from ..forms import LeadNoteForm, LeadStatusForm

PAGE_SIZE = 20
VIEWS = {
    "open": gettext_lazy("Open"),
    "follow-up": gettext_lazy("Need a reply"),
    "all": gettext_lazy("All"),
}


@owner_view
def lead_list(request):
    show = request.GET.get("show")
    if show not in VIEWS:
        show = "open"
    leads = selectors.owner_leads(request.user)
    if show == "open":
        leads = leads.filter(status__in=OPEN_STATUSES)
    elif show == "follow-up":
        leads = leads.filter(overdue=True)
    page = Paginator(leads, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/lead_list.html",
        {
            "page": page,
            "show": show,
            "views": VIEWS.items(),
            "counts": selectors.lead_counts(request.user),
        },
    )


@owner_view
@require_http_methods(["GET", "POST"])
def lead_detail(request, pk):
    try:
        lead = selectors.owner_lead_detail(request.user, pk)
    except ExpressionOfInterest.DoesNotExist as missing:
        raise Http404 from missing
    status_form = LeadStatusForm(initial={"status": lead.status})
    note_form = LeadNoteForm()
    action = request.POST.get("action")
    if request.method == "POST":
        if action == "note":
            note_form = LeadNoteForm(request.POST)
            form = note_form
        else:
            status_form = LeadStatusForm(request.POST)
            form = status_form
        if form.is_valid():
            try:
                if form is note_form:
                    lead_add_note(lead=lead, note=form.cleaned_data["note"], actor=request.user)
                    messages.success(request, _("Your note is saved."))
                else:
                    lead_change_status(
                        lead=lead,
                        status=form.cleaned_data["status"],
                        note=form.cleaned_data["note"],
                        actor=request.user,
                    )
                    messages.success(request, _("Saved. The inquiry's history shows it."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("portal:lead-detail", pk=lead.pk)
    return render(
        request,
        "portal/lead_detail.html",
        {
            "lead": lead,
            "status_form": status_form,
            "note_form": note_form,
            # The buyer's phone is the owner's to use only with the buyer's consent.
            "whatsapp_url": lead_whatsapp_url(lead) if lead.share_contact else "",
        },
        status=400 if request.method == "POST" else 200,
    )
