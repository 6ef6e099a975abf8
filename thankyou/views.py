"""The staff page that previews, test-sends and sends the thank-you mail of an expo."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.permissions import staff_permission

from . import services
from .forms import ThankYouForm
from .models import ThankYouMailing

TESTED = "thankyou-tested"


def _tested(request, expo, intros) -> bool:
    return request.session.get(TESTED, {}).get(str(expo.pk)) == services.intros_fingerprint(
        expo, intros
    )


def _remember_test(request, expo, intros) -> None:
    tested = dict(request.session.get(TESTED, {}))
    tested[str(expo.pk)] = services.intros_fingerprint(expo, intros)
    request.session[TESTED] = tested


@staff_permission("thankyou.send_thank_you_mail")
@require_http_methods(["GET", "POST"])
def mailing(request):
    """GET ``?expo=<id>`` previews; POST previews again with edited texts, sends the test to
    the staff member, or sends the mail (only after a test of the same texts)."""
    if request.method == "POST":
        form = ThankYouForm(request.POST)
    elif request.GET.get("expo"):
        form = ThankYouForm({**ThankYouForm().initial, "expo": request.GET["expo"]})
    else:
        form = ThankYouForm()
    context = {"form": form, "mailings": _history()}
    if not form.is_bound:
        return render(request, "thankyou/mailing.html", context)
    if not form.is_valid():
        messages.error(request, _("Nothing was sent: check the form below."))
        return render(request, "thankyou/mailing.html", context, status=400)

    expo = form.cleaned_data["expo"]
    intros = form.intros()
    action = form.cleaned_data["action"] or ThankYouForm.PREVIEW
    status = 200
    try:
        if action == ThankYouForm.TEST:
            services.thank_you_test_send(expo=expo, intros=intros, user=request.user)
            _remember_test(request, expo, intros)
            messages.success(
                request,
                _("The test mail, in English and in Indonesian, is on its way to %(email)s.")
                % {"email": request.user.email},
            )
        elif action == ThankYouForm.SEND:
            if not _tested(request, expo, intros):
                raise services.NothingToSend(
                    _(
                        "Send yourself the test mail of these texts first, check it, then "
                        "send. Nothing was sent."
                    )
                )
            sent = services.thank_you_send(expo=expo, intros=intros, actor=request.user)
            messages.success(
                request,
                _("The thank-you mail is queued for %(count)s people.")
                % {"count": sent.recipients_count},
            )
            return redirect(f"{reverse('thankyou:mailing')}?{urlencode({'expo': expo.pk})}")
    except services.NothingToSend as refusal:
        messages.error(request, str(refusal))
        status = 400

    selection = services.select_recipients(expo)
    context.update(
        {
            "expo": expo,
            "selection": selection,
            "previews": services.preview(selection, intros=intros),
            "tested": _tested(request, expo, intros),
            "ended": services.expo_has_ended(expo),
        }
    )
    return render(request, "thankyou/mailing.html", context, status=status)


def _history():
    return ThankYouMailing.objects.select_related("expo", "sent_by")[:20]
