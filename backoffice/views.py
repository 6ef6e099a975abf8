"""Staff pages that gather the three apps: results, QR card sheets, personal-data tools."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from booths.models import Expo
from common.permissions import staff_permission
from common.spreadsheets import csv_response

from . import charts, personal_data
from .cards import select_cards
from .forms import EmailLookupForm, PeriodForm, PersonalDataActionForm
from .qr import local_base_url
from .report import (
    XLSX_MIME,
    report_build,
    report_filename,
    report_pdf,
    report_xlsx,
    results_figures,
)
from .results import TABLES, Period, all_tables


def _period_form(request):
    """The period from the query string; the current expo and its days when none is given."""
    data = request.GET.copy()
    if not data.get("expo"):
        current = Expo.objects.current()
        if current is None:
            return None
        data["expo"] = current.pk
    return PeriodForm(data)


@staff_permission("backoffice.view_results")
@require_GET
def results(request):
    form = _period_form(request)
    context = {"form": form}
    status = 200
    if form is not None and form.is_valid():
        period = form.period
        tables = all_tables(period)
        context.update(_dashboard(period, tables))
    elif form is not None:
        status = 400
    return render(request, "backoffice/results.html", context, status=status)


def _dashboard(period: Period, tables) -> dict:
    figures = results_figures(tables)
    chart_of = charts.results_charts(tables)
    query = urlencode(
        {"expo": period.expo.pk, "start": period.start.isoformat(), "end": period.end.isoformat()}
    )
    sections = [
        {
            "table": table,
            "chart": chart_of.get(key),
            "csv_url": reverse("backoffice:results-csv", kwargs={"table": key}) + "?" + query,
        }
        for key, table in tables.items()
    ]
    return {
        "period": period,
        "figures": figures,
        "sections": sections,
        "report_query": query,
    }


@staff_permission("backoffice.view_results")
@require_GET
def results_csv(request, table):
    build = TABLES.get(table)
    form = _period_form(request)
    if build is None:
        return render(
            request,
            "backoffice/results.html",
            {"form": form, "unknown_table": table},
            status=404,
        )
    if form is None or not form.is_valid():
        return render(request, "backoffice/results.html", {"form": form}, status=400)
    period = form.period
    data = build(period)
    filename = f"{period.expo.slug}-{table}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"
    return csv_response(filename, data.csv_header(), data.csv_rows())


def _report_response(request, extension, render_file, content_type):
    """The expo report of the period the query string names, as a download; a bad period
    gets the results page with its message, and no file."""
    form = _period_form(request)
    if form is None or not form.is_valid():
        return render(request, "backoffice/results.html", {"form": form}, status=400)
    report = report_build(form.period)
    response = HttpResponse(render_file(report), content_type=content_type)
    filename = report_filename(report, extension, get_language())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_permission("backoffice.view_results")
@require_GET
def results_report_pdf(request):
    return _report_response(request, "pdf", report_pdf, "application/pdf")


@staff_permission("backoffice.view_results")
@require_GET
def results_report_xlsx(request):
    return _report_response(request, "xlsx", report_xlsx, XLSX_MIME)


@staff_permission("backoffice.print_qr_cards")
@require_GET
def cards(request):
    everything = request.GET.get("all") == "1"
    product_ids = request.GET.getlist("product")
    exhibitor_ids = request.GET.getlist("exhibitor")
    selection = None
    # Codes that phones cannot open are worse than none: staff would print and cut them.
    local_address = local_base_url(request)
    if local_address is None and (everything or product_ids or exhibitor_ids):
        selection = select_cards(
            product_ids=product_ids,
            exhibitor_ids=exhibitor_ids,
            everything=everything,
            request=request,
        )
    return render(
        request,
        "backoffice/cards.html",
        {"selection": selection, "local_address": local_address},
    )


@staff_permission("backoffice.manage_personal_data")
@require_http_methods(["GET", "POST"])
def personal_data_view(request):
    # The address travels only in POST bodies: a query string lands in access logs.
    if request.method == "POST" and "find" not in request.POST:
        return _personal_data_action(request)
    lookup = EmailLookupForm(request.POST if request.method == "POST" else None)
    if lookup.is_bound and lookup.is_valid():
        return _personal_data_page(request, lookup.cleaned_data["email"])
    return render(request, "backoffice/personal_data.html", {"lookup": lookup})


def _personal_data_page(request, email):
    context = {
        "lookup": EmailLookupForm(initial={"email": email}),
        "records": personal_data.personal_data_find(email=email),
        "action_form": PersonalDataActionForm(initial={"email": email}),
    }
    return render(request, "backoffice/personal_data.html", context)


def _personal_data_action(request):
    form = PersonalDataActionForm(request.POST)
    if not form.is_valid():
        email = request.POST.get("email", "")
        lookup = EmailLookupForm({"email": email})
        context = {"lookup": lookup, "action_form": form}
        if lookup.is_valid():
            context["records"] = personal_data.personal_data_find(
                email=lookup.cleaned_data["email"]
            )
        return render(request, "backoffice/personal_data.html", context, status=400)
    email = form.cleaned_data["email"]
    action = form.cleaned_data["action"]
    reference = form.cleaned_data["reference"]
    if action == "export":
        document = personal_data.personal_data_export(
            email=email, actor=request.user, reference=reference
        )
        response = HttpResponse(
            json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
        return response
    if action == "withdraw":
        summary = personal_data.consent_withdraw(
            email=email, actor=request.user, reference=reference
        )
        messages.success(
            request,
            _(
                "Consent withdrawn: contact details are no longer shared with MSMEs and "
                "no follow-up mail goes to this address (%(buyers)s buyer records, "
                "%(leads)s leads changed)."
            )
            % summary,
        )
    elif action == "anonymise":
        summary = personal_data.personal_data_anonymise(
            email=email, actor=request.user, reference=reference
        )
        messages.success(
            request,
            _(
                "Anonymised %(buyers)s buyer and %(delegates)s delegate records, "
                "%(leads)s leads and %(mails)s messages."
            )
            % summary,
        )
    else:
        summary = personal_data.personal_data_erase(
            email=email, actor=request.user, reference=reference
        )
        messages.success(
            request,
            _(
                "Erased %(buyers)s buyer and %(delegates)s delegate records, "
                "%(leads)s leads and %(mails)s messages."
            )
            % summary,
        )
    # Shown at once rather than redirected to: a redirect would carry the address in its URL.
    return _personal_data_page(request, email)
