"""Pages of meetings at the booth.

Guests (no account): book a time with a business or the agency, then follow the
meeting through the signed link of their emails. Hosts (MSME owners, logged in): their
own schedule, confirm, decline, propose another time, cancel. Staff: every meeting of
a day, attendance, who is in charge, and the printable schedule of a table.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from booths.models import Exhibitor, Expo
from buyers.middleware import lead_source
from common.forms import add_service_errors, submit_public_form
from common.permissions import acts_for_owners, owned_object, owner_view, staff_permission
from products.models import Product

from . import selectors, services
from .choices import MeetingStatus, Side
from .forms import AgencyMeetingForm, DeclineForm, MoveForm, TradeMeetingForm
from .ics import meeting_ics
from .models import Meeting, MeetingSlot, MeetingTable, local
from .tokens import guest_token, meeting_id_from


def _base_url(request) -> str:
    return settings.EXPO_PUBLIC_BASE_URL or request.build_absolute_uri("/").rstrip("/")


def _guest_redirect(meeting):
    return redirect("meetings:guest", token=guest_token(meeting))


def _book_page(request, *, exhibitor=None, product=None):
    expo = Expo.objects.current()
    if expo is None:
        raise Http404
    form_class = TradeMeetingForm if exhibitor is not None else AgencyMeetingForm

    def page(form, status=200, rate_limited=False):
        slots = selectors.offered_slots(expo=expo, exhibitor=exhibitor)
        chosen = str(form["slot"].value() or "")
        return render(
            request,
            "meetings/book.html",
            {
                "form": form,
                "expo": expo,
                "exhibitor": exhibitor,
                "product": product,
                "days": selectors.times_by_day(slots),
                "chosen": chosen,
                "rate_limited": rate_limited,
                "past_allowed": selectors.past_slots_allowed(),
            },
            status=status,
        )

    if request.method != "POST":
        return page(form_class())

    def send(form, admit):
        return services.meeting_request(
            idempotency_key=form.cleaned_data["idempotency_key"],
            contact=form.contact(),
            exhibitor=exhibitor,
            product=product,
            share_contact=form.cleaned_data.get("share_contact", False),
            language=get_language(),
            source=lead_source(request),
            consent_version=form.privacy_version,
            expo=expo,
            base_url=_base_url(request),
            admit=admit,
            **form.details(),
        )

    def done(meeting):
        messages.success(
            request,
            _(
                "Your meeting request %(reference)s is sent. Keep this page: it is also in "
                "your email."
            )
            % {"reference": meeting.reference},
        )
        return _guest_redirect(meeting)

    return submit_public_form(
        request,
        form_class(request.POST),
        scope="meetings:book",
        send=send,
        page=page,
        done=done,
        conflict_codes=services.CONFLICT_CODES,
    )


@never_cache
def book(request, slug):
    """Book a meeting with a business (from its product or exhibitor page)."""
    exhibitor = get_object_or_404(Exhibitor.objects.approved(), slug=slug)
    product = None
    if request.GET.get("product"):
        product = (
            Product.objects.published()
            .filter(exhibitor=exhibitor, slug=request.GET["product"])
            .first()
        )
    return _book_page(request, exhibitor=exhibitor, product=product)


@never_cache
def book_agency(request):
    """Delegates, employers and associations book a meeting with the agency."""
    return _book_page(request)


# --- the guest's pages -------------------------------------------------------------------


def _guest_meeting(token: str) -> Meeting:
    meeting_id = meeting_id_from(token)
    if meeting_id is None:
        raise Http404
    return get_object_or_404(Meeting.objects.with_parties(), pk=meeting_id)


GUEST_ACTIONS = {"attend", "cancel", "accept"}


@never_cache
def guest(request, token):
    """The guest's page of one meeting. Opening it changes nothing; each change is a
    button (``?do=attend`` or ``?do=cancel`` from the reminder puts that one first)."""
    meeting = _guest_meeting(token)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "attend":
                services.meeting_guest_will_attend(meeting=meeting)
                messages.success(request, _("Thank you: the host knows you will be there."))
            elif action == "cancel":
                services.meeting_cancel(
                    meeting=meeting, side=Side.GUEST, base_url=_base_url(request)
                )
                messages.success(
                    request, _("Your meeting is cancelled. The time is free again for others.")
                )
            elif action == "accept":
                services.meeting_confirm(
                    meeting=meeting, side=Side.GUEST, base_url=_base_url(request)
                )
                messages.success(
                    request, _("The new time is confirmed. Your invitation is on its way.")
                )
            else:
                messages.error(request, _("Choose one of the buttons on this page."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect("meetings:guest", token=token)
    action = request.GET.get("do", "")
    return render(
        request,
        "meetings/guest.html",
        {
            "meeting": meeting,
            "token": token,
            "focus": action if action in GUEST_ACTIONS else "",
            "starts": local(meeting.starts_at),
            "ends": local(meeting.ends_at),
        },
    )


@never_cache
def guest_move(request, token):
    meeting = _guest_meeting(token)
    return _move_page(
        request,
        meeting,
        side=Side.GUEST,
        back=reverse("meetings:guest", args=[token]),
    )


def guest_calendar(request, token):
    meeting = _guest_meeting(token)
    body = meeting_ics(
        meeting,
        language=meeting.language,
        url=_base_url(request) + reverse("meetings:guest", args=[token]),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.reference}.ics"'
    return response


def _move_page(request, meeting, *, side: str, back: str):
    if not meeting.is_open:
        messages.error(request, _("This meeting can no longer be moved."))
        return redirect(back)
    expo = meeting.slot.table.booth.expo
    form = MoveForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_move(
                    meeting=meeting,
                    slot=form.cleaned_data["slot"],
                    side=side,
                    actor=request.user if request.user.is_authenticated else None,
                    base_url=_base_url(request),
                )
            except ValidationError as error:
                codes = add_service_errors(form, error)
                status = 409 if codes & services.CONFLICT_CODES else 400
            else:
                messages.success(
                    request,
                    _("The meeting is moved. The other side is asked to accept the new time."),
                )
                return redirect(back)
        else:
            status = 400
    slots = selectors.offered_slots(
        expo=expo, exhibitor=meeting.exhibitor, guest=meeting.guest, exclude_meeting=meeting
    )
    return render(
        request,
        "meetings/move.html",
        {
            "meeting": meeting,
            "form": form,
            "days": selectors.times_by_day(slots),
            "chosen": str(form["slot"].value() or ""),
            "back": back,
            "side": side,
            "starts": local(meeting.starts_at),
        },
        status=status,
    )


# --- the host's pages (MSME owners; staff may act for them: common.permissions) -------

STAFF_ACTS_FOR_HOSTS = "meetings.change_meeting"


def _host_meeting(request, pk) -> Meeting:
    return owned_object(
        Meeting.objects.with_parties(), request.user, staff_perm=STAFF_ACTS_FOR_HOSTS, pk=pk
    )


def _host_side(user, meeting) -> str:
    if meeting.exhibitor_id and meeting.exhibitor.owners.filter(pk=user.pk).exists():
        return Side.HOST
    return Side.STAFF


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@owner_view
def owner_schedule(request):
    """The owner's meetings: what waits for an answer, what is coming, what is past."""
    meetings = list(
        Meeting.objects.owned_by(request.user).with_parties().order_by("starts_at", "pk")
    )
    waiting = [m for m in meetings if m.waits_for_host]
    upcoming = [
        m for m in meetings if m.is_open and not m.waits_for_host and not m.lapsed and not m.is_past
    ]
    earlier = [m for m in reversed(meetings) if m not in waiting and m not in upcoming]
    return render(
        request,
        "meetings/owner_schedule.html",
        {
            "waiting": waiting,
            "upcoming": upcoming,
            "earlier": earlier,
            "decline_form": DeclineForm(),
            "is_staff": acts_for_owners(request.user, STAFF_ACTS_FOR_HOSTS),
        },
    )


HOST_ACTIONS = ("confirm", "decline", "cancel")


@owner_view
@require_POST
def host_action(request, pk, action):
    meeting = _host_meeting(request, pk)
    side = _host_side(request.user, meeting)
    fallback = reverse("meetings:owner-schedule")
    try:
        if action == "confirm":
            services.meeting_confirm(
                meeting=meeting, side=side, actor=request.user, base_url=_base_url(request)
            )
            messages.success(
                request,
                _("Meeting %(reference)s is confirmed; both sides get an invitation.")
                % {"reference": meeting.reference},
            )
        elif action == "decline":
            form = DeclineForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.meeting_decline(
                meeting=meeting,
                side=side,
                actor=request.user,
                reason=reason,
                base_url=_base_url(request),
            )
            messages.success(
                request,
                _("Meeting %(reference)s is declined; the guest is told.")
                % {"reference": meeting.reference},
            )
        elif action == "cancel":
            services.meeting_cancel(
                meeting=meeting, side=side, actor=request.user, base_url=_base_url(request)
            )
            messages.success(
                request,
                _("Meeting %(reference)s is cancelled; the guest is told.")
                % {"reference": meeting.reference},
            )
        else:
            raise Http404
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect(_back(request, fallback))


@owner_view
def host_move(request, pk):
    """Propose another time to the guest (or move the meeting, as staff)."""
    meeting = _host_meeting(request, pk)
    return _move_page(
        request,
        meeting,
        side=_host_side(request.user, meeting),
        back=_back(request, reverse("meetings:owner-schedule")),
    )


# --- staff ---------------------------------------------------------------------------------


def _expo_and_day(request):
    expos = Expo.objects.all()
    expo = None
    if request.GET.get("expo"):
        expo = expos.filter(slug=request.GET["expo"]).first()
        if expo is None:
            messages.warning(request, _("There is no such expo; the current one is shown."))
    expo = expo or Expo.objects.current()
    if expo is None:
        raise Http404
    today = timezone.localdate()
    default = today if expo.start_date <= today <= expo.end_date else expo.start_date
    day = default
    raw = request.GET.get("day", "")
    if raw:
        try:
            day = datetime.date.fromisoformat(raw)
        except ValueError:
            day = None
        if day is None or not (expo.start_date <= day <= expo.end_date):
            messages.warning(
                request,
                _("%(value)s is not a day of %(expo)s; %(day)s is shown instead.")
                % {"value": raw[:20], "expo": expo, "day": default},
            )
            day = default
    return expo, day


@staff_permission("meetings.change_meeting")
def staff_day(request):
    """Every meeting of one expo day, table by table, and the requests still waiting."""
    expo, day = _expo_and_day(request)
    tables = list(
        MeetingTable.objects.filter(booth__expo=expo)
        .select_related("booth")
        .order_by("booth__stand_number", "position", "name")
    )
    by_table = {table.pk: [] for table in tables}
    for meeting in selectors.meetings_of_day(expo=expo, day=day):
        by_table.setdefault(meeting.slot.table_id, []).append(meeting)
    waiting = list(selectors.waiting_requests(expo=expo))
    return render(
        request,
        "meetings/staff_day.html",
        {
            "expo": expo,
            "day": day,
            "days": expo.days,
            "tables": [(table, by_table.get(table.pk, [])) for table in tables],
            "waiting": waiting,
            "stale_count": sum(1 for meeting in waiting if meeting.is_stale),
            "stale_hours": settings.EXPO_MEETING_STALE_HOURS,
            "counts": selectors.meeting_counts(expo=expo, start=day, end=day),
            "now": timezone.now(),
            "past_allowed": selectors.past_slots_allowed(),
        },
    )


def _staff_back(request, meeting):
    fallback = f"{reverse('meetings:staff-day')}?day={local(meeting.starts_at).date():%Y-%m-%d}"
    return redirect(_back(request, fallback))


@staff_permission("meetings.change_meeting")
@require_POST
def staff_attendance(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    status = request.POST.get("status", "")
    try:
        services.meeting_mark_attendance(meeting=meeting, status=status, actor=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        label = MeetingStatus(status).label
        messages.success(
            request,
            _("Meeting %(reference)s: %(status)s.")
            % {"reference": meeting.reference, "status": label},
        )
    return _staff_back(request, meeting)


@staff_permission("meetings.change_meeting")
@require_POST
def staff_take(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    services.meeting_assign(meeting=meeting, assignee=request.user, actor=request.user)
    messages.success(
        request,
        _("You are in charge of meeting %(reference)s.") % {"reference": meeting.reference},
    )
    return _staff_back(request, meeting)


@staff_permission("meetings.view_meeting")
def table_print(request, pk, day):
    """The day's schedule of one table, to print and put on the table."""
    table = get_object_or_404(MeetingTable.objects.select_related("booth__expo"), pk=pk)
    expo = table.booth.expo
    if not expo.start_date <= day <= expo.end_date:
        raise Http404
    slots = list(MeetingSlot.objects.filter(table=table).on_day(day).order_by("starts_at"))
    meetings = {
        meeting.slot_id: meeting
        for meeting in Meeting.objects.active()
        .filter(slot__in=[slot.pk for slot in slots])
        .select_related("buyer", "delegate", "exhibitor", "assigned_to")
    }
    return render(
        request,
        "meetings/table_print.html",
        {
            "table": table,
            "booth": table.booth,
            "expo": expo,
            "day": day,
            "rows": [(slot, meetings.get(slot.pk)) for slot in slots],
        },
    )
