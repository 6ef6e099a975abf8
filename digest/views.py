"""The digest's unsubscribe page (a signed link, no login) and the portal's switch."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .services import set_subscribed
from .tokens import user_id_from


def unsubscribe(request, token):
    """Opening the link changes nothing (mail scanners open links too): the page asks,
    and its one button stops the digest. A tampered link gets a clear page, status 400."""
    user_id = user_id_from(token)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return render(request, "digest/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        set_subscribed(user=user, subscribed=False, via="link")
        messages.success(request, _("Done: you will not receive the daily digest any more."))
        return redirect(request.path)
    preference = getattr(user, "digest_preference", None)
    return render(
        request,
        "digest/unsubscribe.html",
        {"unsubscribed": preference is not None and not preference.subscribed},
    )


@require_POST
@login_required
def preference(request):
    """The switch on the owner portal's dashboard: on or off, recorded with the time."""
    subscribed = request.POST.get("subscribed") == "1"
    set_subscribed(user=request.user, subscribed=subscribed, via="portal")
    if subscribed:
        messages.success(request, _("You will receive the daily digest again."))
    else:
        messages.success(request, _("Done: you will not receive the daily digest any more."))
    return redirect("portal:dashboard")
