"""The owner's business profile."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from booths.models import Exhibitor
from booths.services import exhibitor_submit_for_review, exhibitor_update_profile
from common.choices import ReviewStatus
from common.forms import add_service_errors
from common.permissions import owned_object, owner_view

from ..forms import ProfileForm
from ..status import exhibitor_hints, exhibitor_status


@owner_view
@require_http_methods(["GET", "POST"])
def business_edit(request, slug):
    exhibitor = owned_object(Exhibitor.objects, request.user, slug=slug)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=exhibitor)
    if request.method == "POST" and form.is_valid():
        clean_logo = form.cleaned_data.get("new_logo")
        try:
            exhibitor_update_profile(
                exhibitor=exhibitor,
                changes=form.profile_changes(),
                logo=clean_logo.file if clean_logo else None,
                remove_logo=form.cleaned_data.get("remove_logo", False),
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.POST.get("action") == "submit":
                exhibitor_submit_for_review(exhibitor=exhibitor, actor=request.user)
                messages.success(
                    request,
                    _("Your profile is saved and sent to BP2MI staff for review."),
                )
            elif exhibitor.review_status == ReviewStatus.APPROVED:
                messages.success(request, _("Your profile is saved. Buyers see it now."))
            else:
                messages.success(request, _("Your profile is saved."))
            return redirect("portal:dashboard")
    status = 200
    if form.is_bound:
        # The form wrote the typed values onto the object; show the saved status.
        exhibitor.refresh_from_db()
        status = 400
    if form.is_bound and request.FILES:
        messages.warning(request, _("Please choose the logo again: it was not saved."))
    return render(
        request,
        "portal/business_form.html",
        {
            "exhibitor": exhibitor,
            "form": form,
            "status": exhibitor_status(exhibitor),
            "hints": exhibitor_hints(exhibitor),
            "can_submit": exhibitor.review_status in (ReviewStatus.DRAFT, ReviewStatus.REJECTED),
        },
        status=status,
    )


@owner_view
@require_POST
def business_submit(request, slug):
    exhibitor = owned_object(Exhibitor.objects, request.user, slug=slug)
    exhibitor_submit_for_review(exhibitor=exhibitor, actor=request.user)
    messages.success(request, _("Your profile is sent to BP2MI staff for review."))
    return redirect("portal:dashboard")
