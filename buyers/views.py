"""Public pages of buyers and delegates: send an inquiry, keep an inquiry list, get a reference."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST

from backoffice.personal_data import consent_withdraw
from booths.models import Exhibitor
from common.forms import submit_public_form
from products.models import Product

from . import services
from . import status as buyer_status
from .forms import InquiryListForm, PlacementForm, StatusRequestForm, TradeInquiryForm
from .inquiry_list import InquiryList, InquiryListFull
from .middleware import lead_source
from .models import ExpressionOfInterest, Inquiry

# Never in a shared cache (each page carries a CSRF token and its own form key), but kept
# by the browser: Back then shows the very form that was sent, with the same key, and
# sending it again shows the same confirmation instead of making a second lead.
form_page = cache_control(private=True)

SENT_SALT = "buyers.sent"
# The confirmation page stays readable for a week, from the link only its sender has.
SENT_MAX_AGE = 7 * 24 * 3600


def _sent_redirect(sent: services.Sent):
    token = signing.dumps(sent.reference, salt=SENT_SALT, compress=True)
    return redirect("buyers:sent", token=token)


def _send_again(request) -> bool:
    """The buyer was shown an earlier, identical inquiry and chose to send this one too."""
    return request.POST.get("send_again") == "1"


def _duplicate_page(request, earlier: services.Sent):
    """The same inquiry was sent a few minutes ago: its reference, and a button that sends
    the very same post once more, on purpose (every field again, hidden)."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "send_again")
        for value in values
    ]
    token = signing.dumps(earlier.reference, salt=SENT_SALT, compress=True)
    context = {
        "reference": earlier.reference,
        "sent_at": (earlier.inquiry or earlier.leads[0]).created_at,
        "sent_url": reverse("buyers:sent", kwargs={"token": token}),
        "fields": fields,
        "placement": earlier.leads[0].delegate_id is not None,
    }
    return render(request, "buyers/duplicate.html", context, status=409)


def _handle_post(request, form, send, template: str, context: dict):
    """The common path of every lead form (``common.forms.submit_public_form``).

    ``send(form, admit)`` calls the service and returns a ``services.Sent``.
    """

    def page(form, status, rate_limited=False):
        values = dict(context, form=form, rate_limited=rate_limited)
        return render(request, template, values, status=status)

    try:
        return submit_public_form(
            request, form, scope="buyers:lead", send=send, page=page, done=_sent_redirect
        )
    except services.DuplicateInquiry as duplicate:
        return _duplicate_page(request, duplicate.earlier)


def _trade_page(request, *, exhibitor, product=None):
    template = "buyers/interest.html"
    context = {
        "exhibitor": exhibitor,
        "product": product,
        "in_list": product is not None and product in InquiryList(request.session),
    }
    if request.method != "POST":
        form = TradeInquiryForm(product=product)
        return render(request, template, {**context, "form": form})

    def send(form, admit):
        return services.trade_inquiry_send(
            admit=admit,
            send_again=_send_again(request),
            idempotency_key=form.cleaned_data["idempotency_key"],
            contact=form.contact(),
            exhibitor=exhibitor,
            product=product,
            language=get_language(),
            source=lead_source(request),
            consent_version=form.privacy_version,
            share_contact=form.cleaned_data["share_contact"],
            **form.details(),
        )

    form = TradeInquiryForm(request.POST, product=product)
    return _handle_post(request, form, send, template, context)


@form_page
def product_interest(request, slug):
    """'I'm interested' in one product: the form on a page of its own (and where a
    form sent from the product page comes back with its errors)."""
    product = get_object_or_404(Product.objects.published().select_related("exhibitor"), slug=slug)
    return _trade_page(request, exhibitor=product.exhibitor, product=product)


@form_page
def exhibitor_interest(request, slug):
    """'I'm interested' in a business as a whole, or in custom/OEM work."""
    exhibitor = get_object_or_404(Exhibitor.objects.approved(), slug=slug)
    return _trade_page(request, exhibitor=exhibitor)


@form_page
def inquiry_list(request):
    """Review the list, give a quantity per product, and send it as one inquiry."""
    basket = InquiryList(request.session)
    products, dropped = basket.products()
    template = "buyers/inquiry_list.html"
    if dropped and request.method != "POST":
        messages.warning(
            request,
            _("Some products are no longer on show and were taken off your list."),
        )
    if request.method != "POST":
        form = InquiryListForm(products=products)
        return render(request, template, {"form": form, "groups": form.groups()})

    form = InquiryListForm(request.POST, products=products)
    context = {"groups": form.groups()}
    if dropped:
        form.add_error(
            None,
            _(
                "Some products are no longer on show and were taken off your list. "
                "Check the list and send it again."
            ),
        )

    def send(form, admit):
        sent = services.inquiry_list_send(
            admit=admit,
            send_again=_send_again(request),
            idempotency_key=form.cleaned_data["idempotency_key"],
            contact=form.contact(),
            items=form.items(),
            language=get_language(),
            source=lead_source(request),
            consent_version=form.privacy_version,
            share_contact=form.cleaned_data["share_contact"],
            **form.details(),
        )
        basket.clear()
        return sent

    return _handle_post(request, form, send, template, context)


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def inquiry_list_add(request, slug):
    product = get_object_or_404(Product.objects.published(), slug=slug)
    try:
        added = InquiryList(request.session).add(product)
    except InquiryListFull:
        messages.error(
            request,
            _("Your inquiry list is full. Send it first, then start a new one."),
        )
    else:
        if added:
            messages.success(
                request, _("%(product)s is on your inquiry list.") % {"product": product}
            )
        else:
            messages.info(
                request,
                _("%(product)s was already on your inquiry list.") % {"product": product},
            )
    return redirect(_back(request, reverse("buyers:inquiry-list")))


@require_POST
def inquiry_list_remove(request, pk):
    if InquiryList(request.session).remove(pk):
        messages.success(request, _("The product was taken off your inquiry list."))
    return redirect(_back(request, reverse("buyers:inquiry-list")))


@form_page
def cooperation(request):
    """Placement cooperation: delegates and employers of destination countries write to BP2MI."""
    template = "buyers/cooperation.html"
    if request.method != "POST":
        form = PlacementForm()
        # From an occupation of the workforce pages: that occupation and its sector chosen.
        form.preselect(request.GET.get("occupation", "")[:80])
        return render(request, template, {"form": form})

    def send(form, admit):
        return services.placement_inquiry_send(
            admit=admit,
            send_again=_send_again(request),
            idempotency_key=form.cleaned_data["idempotency_key"],
            contact=form.contact(),
            language=get_language(),
            source=lead_source(request),
            consent_version=form.privacy_version,
            **form.details(),
        )

    return _handle_post(request, PlacementForm(request.POST), send, template, {})


@form_page
def sent(request, token):
    """The confirmation: the reference, large, and what was sent to whom."""
    try:
        reference = signing.loads(token, salt=SENT_SALT, max_age=SENT_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404 from error
    inquiry = Inquiry.objects.filter(reference=reference).select_related("buyer").first()
    leads = ExpressionOfInterest.objects.select_related(
        "buyer", "delegate", "exhibitor", "product"
    ).prefetch_related("items__product")
    if inquiry is not None:
        leads = list(leads.filter(inquiry_reference=reference).order_by("pk"))
    else:
        leads = list(leads.filter(reference=reference))
    if not leads:
        raise Http404
    context = {
        "reference": reference,
        "inquiry": inquiry,
        "leads": leads,
        "contact": leads[0].contact,
        "placement": leads[0].delegate_id is not None,
    }
    return render(request, "buyers/sent.html", context)


def privacy(request):
    """The privacy notice buyers and delegates agree to, with its version."""
    return render(request, "buyers/privacy.html", {"version": settings.EXPO_PRIVACY_NOTICE_VERSION})


def _status_headers(response):
    # The token is the key to the page: never sent to another site as a referrer, never
    # kept by a cache. Not "no-referrer": under it browsers post the page's forms with
    # "Origin: null", which the CSRF check refuses (the requests, the withdrawal and the
    # language switch would all fail); "same-origin" only tells our own server the address
    # it already knows.
    response["Referrer-Policy"] = "same-origin"
    return response


def _status_invalid(request):
    response = render(request, "buyers/status_invalid.html", status=404)
    return _status_headers(response)


@never_cache
def status(request, token):
    """The buyer's (or delegate's) own page from the link in their confirmation mail: their
    inquiries in plain words, a message, a sample or a call request, withdrawing consent."""
    contact = buyer_status.contact_from(token)
    if contact is None:
        return _status_invalid(request)
    leads = list(buyer_status.status_leads(contact))
    for lead in leads:
        lead.whatsapp_url = buyer_status.whatsapp_url(lead, contact)
    template = "buyers/status.html"
    context = {
        "contact": contact,
        "leads": [(lead, buyer_status.buyer_words(lead.status)) for lead in leads],
        "withdrawn": contact.consent_withdrawn_at is not None,
        "max_age_days": settings.EXPO_STATUS_LINK_MAX_AGE_DAYS,
        "months": settings.EXPO_STATUS_PAGE_MONTHS,
    }

    def page(form, status=200, rate_limited=False):
        values = dict(context, form=form, rate_limited=rate_limited)
        return _status_headers(render(request, template, values, status=status))

    if request.method != "POST":
        return page(StatusRequestForm(leads=leads) if leads else None)

    def send(form, admit):
        admit()
        return buyer_status.status_request_send(
            lead=form.chosen_lead(),
            request=form.cleaned_data["request"],
            message=form.cleaned_data["message"],
        )

    def done(_event):
        messages.success(request, _("Thank you: the business has your request."))
        return _status_headers(redirect("buyers:status", token=token))

    form = StatusRequestForm(request.POST, leads=leads)
    return submit_public_form(request, form, scope="buyers:status", send=send, page=page, done=done)


@never_cache
@require_POST
def status_withdraw(request, token):
    """Withdraw consent from the status page: at once, recorded, and no more follow-up mail."""
    contact = buyer_status.contact_from(token)
    if contact is None:
        return _status_invalid(request)
    # Sent twice (a double tap, Back and again), it is recorded once.
    if contact.consent_withdrawn_at is None:
        consent_withdraw(email=contact.email, reference="status page")
    messages.success(
        request,
        _(
            "Your consent is withdrawn: your contact details are no longer shared with the "
            "businesses and we send you no more follow-up mail."
        ),
    )
    return _status_headers(redirect("buyers:status", token=token))
