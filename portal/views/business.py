"""The owner's business profile.

Edits of what buyers see of an approved business wait for staff review (booths.services);
the form shows the profile as last proposed, so an owner always continues from their own
changes.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from booths.models import Exhibitor
from booths.services import (
    exhibitor_submit_for_review,
    exhibitor_update_profile,
    profile_change_diff,
)
from common.choices import ReviewStatus
from common.forms import add_service_errors
from common.permissions import owned_object, owner_view

from .. import selectors
from ..forms import ProfileForm
from ..status import exhibitor_hints, exhibitor_status, pending_profile, pending_profile_rows


def _saved_message(exhibitor, waiting) -> str:
    if waiting is not None:
        return _(
            "Your profile is saved. The changes buyers would see wait for review by BP2MI "
            "staff; until then buyers see the approved profile."
        )
    if exhibitor.review_status == ReviewStatus.APPROVED:
        return _("Your profile is saved. Buyers see it now.")
    return _("Your profile is saved.")


@owner_view
@require_http_methods(["GET", "POST"])
def business_edit(request, slug):
    exhibitor = owned_object(selectors.owner_exhibitors(request.user), request.user, slug=slug)
    instance = pending_profile(exhibitor).applied_to(exhibitor)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        clean_logo = form.cleaned_data.get("new_logo")
        try:
            waiting = exhibitor_update_profile(
                exhibitor=exhibitor,
                proposal=form.profile_proposal(),
                changes=form.private_changes(),
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
            else:
                messages.success(request, _saved_message(exhibitor, waiting))
            return redirect("portal:dashboard")
    status = exhibitor_status(exhibitor)
    rejected = None
    if status.code == "changes_rejected":
        rejected = exhibitor.change_requests.order_by("-submitted_at", "-pk").first()
    if form.is_bound and request.FILES:
        messages.warning(request, _("Please choose the logo again: it was not saved."))
    return render(
        request,
        "portal/business_form.html",
        {
            "exhibitor": exhibitor,
            "form": form,
            "status": status,
            "hints": exhibitor_hints(exhibitor),
            "pending_rows": pending_profile_rows(exhibitor),
            "rejected_rows": profile_change_diff(rejected) if rejected else [],
            "can_submit": exhibitor.review_status in (ReviewStatus.DRAFT, ReviewStatus.REJECTED),
        },
        status=400 if form.is_bound else 200,
    )


@owner_view
@require_POST
def business_submit(request, slug):
    exhibitor = owned_object(Exhibitor.objects, request.user, slug=slug)
    exhibitor_submit_for_review(exhibitor=exhibitor, actor=request.user)
    messages.success(request, _("Your profile is sent to BP2MI staff for review."))
    return redirect("portal:dashboard")
