"""The booth floor: the capture screen, its JSON endpoints, its offline app, the booth's day."""

import datetime
import hashlib
import json
import uuid
from functools import lru_cache, wraps

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buyers.choices import LeadRating, LeadSource
from buyers.models import OPEN_STATUSES, ExpressionOfInterest
from common.forms import add_service_errors
from products.models import ProductImage

from . import selectors, services
from .forms import CaptureForm
from .models import Device

# A capture is a few hundred bytes; anything near this is not one.
MAX_BODY_BYTES = 64 * 1024
# A device that holds captures and has not reported for this long needs a look.
DEVICE_STALE_AFTER = datetime.timedelta(minutes=15)
# The files every capture screen needs, kept on the device by the service worker.
SHELL_FILES = (
    "vendor/bootstrap/css/bootstrap.min.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "vendor/idb/idb.umd.js",
    "vendor/jsqr/jsQR.js",
    "css/portal.css",
    "booth/booth.css",
    "booth/qr.js",
    "booth/queue.js",
    "booth/capture.js",
    "booth/icon.svg",
)
WORKBOX_FILES = (
    "vendor/workbox/workbox-core.prod.js",
    "vendor/workbox/workbox-routing.prod.js",
    "vendor/workbox/workbox-strategies.prod.js",
    "vendor/workbox/workbox-precaching.prod.js",
)


def capture_view(view):
    """A page of the booth floor: login, and the right to capture for some business."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not selectors.may_capture(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(login_required(guarded))


def api_view(view):
    """A JSON endpoint of the device: an expired login answers 401 in JSON (not a redirect
    to the login page), so that the device keeps its captures and asks to log in again."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse(
                {
                    "status": "login",
                    "message": _(
                        "Your login has expired. Log in again: the captures stay on this device."
                    ),
                },
                status=401,
            )
        if not selectors.may_capture(request.user):
            return JsonResponse(
                {"status": "forbidden", "message": _("You may not capture leads at the booth.")},
                status=403,
            )
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return JsonResponse(
                {"status": "not_found", "message": _("This business is not yours.")}, status=404
            )

    return never_cache(guarded)


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"status": "refused", "message": message, "errors": {}}, status=400)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _as_form_data(payload: dict) -> QueryDict | None:
    """The JSON capture as the form post it stands for; None when it is not one."""
    data = QueryDict(mutable=True)
    for name, value in payload.items():
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, str | int | float):
            data[name] = str(value)
        elif isinstance(value, list) and all(isinstance(item, str | int) for item in value):
            data.setlist(name, [str(item) for item in value])
        else:
            return None
    return data


def _check_scope(user, data: QueryDict) -> None:
    """An owner names only their own business and its products; anything else is a 404."""
    if selectors.captures_for_any_business(user):
        return
    for name, allowed in (
        ("products", selectors.products_for(user)),
        ("exhibitors", selectors.businesses_for(user)),
    ):
        ids = {int(value) for value in data.getlist(name) if value.isdigit()}
        if ids and allowed.filter(pk__in=ids).count() != len(ids):
            raise Http404


def _form(request, data=None) -> CaptureForm:
    user = request.user
    initial = {"language": get_language()}
    return CaptureForm(
        data,
        initial=initial,
        businesses=selectors.businesses_for(user),
        products=selectors.products_for(user),
        staff=selectors.captures_for_any_business(user),
    )


def _store(request, form: CaptureForm, received_at):
    """The form's capture stored, or None with the reason on the form."""
    try:
        return services.capture_send(
            capture=form.capture(), user=request.user, received_at=received_at
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _screen_strings() -> dict:
    """What the capture screen's script says, in the language of the page."""
    return {
        "online": _("Online"),
        "offline": _("Offline: captures are kept on this device"),
        "saved": _("Saved on this device. It is sent as soon as the network allows."),
        "waiting": _("Waiting"),
        "sending": _("Sending"),
        "stored": _("Stored"),
        "refused": _("Refused"),
        "fix": _("Fix and send again"),
        "remove": _("Remove"),
        "reference": _("Reference"),
        "login": _("Log in again to send"),
        "qr_none": _("No QR code found in this photo. Try again closer, with more light."),
        "qr_read": _("Read from the code: check the fields."),
        "qr_raw": _("The code is not a contact card: its text is in the notes."),
        "no_match": _("Nothing found"),
        "business": _("the whole business"),
        "quantity": _("Quantity"),
        "remove_item": _("Take off"),
        "required": _("Fill in the fields marked."),
    }


@capture_view
def capture(request):
    """The capture screen; without JavaScript, its form posts here as a plain form."""
    if request.method == "POST":
        received_at = timezone.now()
        _check_scope(request.user, request.POST)
        form = _form(request, request.POST)
        if form.is_valid():
            sent = _store(request, form, received_at)
            if sent is not None:
                messages.success(
                    request,
                    _("Stored: %(name)s, reference %(reference)s.")
                    % {"name": form.cleaned_data["name"], "reference": sent.reference},
                )
                return redirect("booth:capture")
        status = 400
    else:
        form, status = _form(request), 200
    context = {"form": form, "strings": _screen_strings()}
    return render(request, "booth/capture.html", context, status=status)


@require_POST
@api_view
def capture_api(request):
    """Store one capture sent by a device: 201 (or 200 for one sent before) with its
    reference; 400 with a translated reason per field, and nothing stored, otherwise."""
    received_at = timezone.now()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY_BYTES + 1
    if length > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
        return _bad_request(_("This capture is too large to be one visitor."))
    if b"\x00" in request.body:
        return _bad_request(_("This capture contains an invisible NUL character."))
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _bad_request(_("This capture could not be read. Send it again."))
    if not isinstance(payload, dict):
        return _bad_request(_("This capture could not be read. Send it again."))
    if _has_nul(payload):
        return _bad_request(_("This capture contains an invisible NUL character."))
    data = _as_form_data(payload)
    if data is None:
        return _bad_request(_("This capture could not be read. Send it again."))
    _check_scope(request.user, data)
    form = _form(request, data)
    sent = _store(request, form, received_at) if form.is_valid() else None
    if sent is None:
        errors = {name: [str(text) for text in texts] for name, texts in form.errors.items()}
        labels = {name: str(form.fields[name].label) for name in errors if name in form.fields}
        return JsonResponse(
            {
                "status": "refused",
                "message": _("Not stored: check the fields marked and send it again."),
                "errors": errors,
                "labels": labels,
            },
            status=400,
        )
    return JsonResponse(
        {
            "status": "stored",
            "reference": sent.reference,
            "leads": [lead.reference for lead in sent.leads],
            "created": sent.created,
        },
        status=201 if sent.created else 200,
    )


@require_GET
@api_view
def session(request):
    """A fresh CSRF token for the device's next sends (a new login changes it)."""
    from django.middleware.csrf import get_token

    return JsonResponse({"csrf": get_token(request), "user": request.user.get_username()})


@require_POST
@api_view
def device(request):
    """A device reports how many captures it still holds."""
    try:
        payload = json.loads(request.body[:MAX_BODY_BYTES])
        device_id = uuid.UUID(str(payload["device"]))
        waiting = int(payload["waiting"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return _bad_request(_("This report could not be read."))
    if not 0 <= waiting <= 100_000:
        return _bad_request(_("This report could not be read."))
    services.device_report(device_id=device_id, user=request.user, waiting=waiting)
    return JsonResponse({"status": "ok"})


@require_GET
@api_view
def catalogue(request):
    """The catalogue index the device keeps for its type-ahead: businesses and products,
    with a small photo each, in the language of the page."""
    images = Prefetch("images", queryset=ProductImage.objects.order_by("position", "id"))
    products = (
        selectors.products_for(request.user)
        .select_related("exhibitor")
        .prefetch_related(images)
        .order_by("exhibitor__name", "name")
    )
    businesses = selectors.businesses_for(request.user).order_by("name")
    index = {
        "businesses": [{"id": b.pk, "name": b.name} for b in businesses],
        "products": [
            {
                "id": product.pk,
                "name": product.name,
                "business": product.exhibitor_id,
                "business_name": product.exhibitor.name,
                "unit": product.get_unit_display(),
                "thumb": _thumb(product),
            }
            for product in products
        ],
    }
    return JsonResponse(index)


def _thumb(product) -> str:
    images = list(product.images.all())
    sources = images[0].sources if images else []
    return sources[0][0] if sources else ""


@lru_cache(maxsize=64)
def _revision(path: str) -> str:
    found = finders.find(path)
    if not found:
        return ""
    with open(found, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:16]


@require_GET
def service_worker(request):
    """The service worker, served from inside the scope it controls (this language's
    booth pages). Never cached by the browser, so a new version is found at once."""
    shell = [{"url": static(path), "revision": _revision(path)} for path in SHELL_FILES]
    context = {
        "workbox": [static(path) for path in WORKBOX_FILES],
        "shell": json.dumps(shell),
        "pages": json.dumps([reverse("booth:capture"), reverse("booth:catalogue")]),
        "capture_url": reverse("booth:capture"),
        "catalogue_url": reverse("booth:catalogue"),
    }
    response = render(request, "booth/sw.js", context, content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request):
    """What makes the capture screen an installable app."""
    data = {
        "name": _("BP2MI booth: capture visitors"),
        "short_name": _("Booth"),
        "start_url": reverse("booth:capture"),
        "scope": reverse("booth:capture"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#13294b",
        "lang": get_language(),
        "icons": [
            {"src": static("booth/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("booth/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("booth/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(data), content_type="application/manifest+json")


@never_cache
@staff_member_required
@permission_required(selectors.CAPTURE_PERMISSION, raise_exception=True)
def day(request):
    """The booth's day for its lead: today's captures by whom and for which business, hot
    leads nobody follows up yet, and devices holding captures that have gone quiet."""
    now = timezone.now()
    today = ExpressionOfInterest.objects.filter(
        source=LeadSource.BOOTH_STAFF, captured_at__date=timezone.localdate()
    )
    context = {
        "by_staff": today.values("captured_by__username", "captured_by__first_name")
        .annotate(leads=Count("id"))
        .order_by("-leads", "captured_by__username"),
        "by_business": today.filter(exhibitor__isnull=False)
        .values("exhibitor__name")
        .annotate(leads=Count("id"))
        .order_by("-leads", "exhibitor__name"),
        "hot": ExpressionOfInterest.objects.filter(
            source=LeadSource.BOOTH_STAFF,
            rating=LeadRating.HOT,
            assigned_to__isnull=True,
            status__in=OPEN_STATUSES,
        )
        .select_related("buyer", "delegate", "exhibitor", "captured_by")
        .order_by("-captured_at")[:100],
        "quiet_devices": Device.objects.filter(
            waiting__gt=0, last_synced_at__lt=now - DEVICE_STALE_AFTER
        ).select_related("user"),
        "stale_minutes": int(DEVICE_STALE_AFTER.total_seconds() // 60),
    }
    return render(request, "booth/day.html", context)
