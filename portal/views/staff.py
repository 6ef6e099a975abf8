"""For BP2MI staff: invite owner accounts (the admin belongs to the staff tools).

Staff create the account in the admin (username, email, no password) and add it to
the business's "owner accounts"; then they send the invitation here, or with
``manage.py invite_owner <username>``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from booths.models import Exhibitor
from common.permissions import staff_permission

from ..forms import InvitationForm
from ..services import owner_invite


def _owner_accounts():
    return (
        get_user_model()
        .objects.filter(is_staff=False)
        .prefetch_related(Prefetch("exhibitors", queryset=Exhibitor.objects.order_by("name")))
        .order_by("username")
    )


@staff_permission("auth.change_user")
def owner_accounts(request):
    return render(
        request,
        "portal/staff_owners.html",
        {"accounts": _owner_accounts(), "form": InvitationForm()},
    )


@staff_permission("auth.change_user")
@require_POST
def owner_invite_view(request, pk):
    user = get_object_or_404(_owner_accounts(), pk=pk)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the language of the email."))
        return redirect("portal:staff-owners")
    try:
        owner_invite(
            user=user,
            base_url=settings.EXPO_PUBLIC_BASE_URL or request.build_absolute_uri("/"),
            language=form.cleaned_data["language"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except OSError:
        messages.error(
            request,
            _("The email could not be sent. Please try again in a few minutes."),
        )
    else:
        messages.success(
            request,
            _("The invitation is sent to %(email)s.") % {"email": user.email},
        )
    return redirect("portal:staff-owners")
