"""Staff pages that gather the three apps: results, QR card sheets, personal-data tools."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from booths.models import Expo
from common.money import Currency, convert
from common.permissions import staff_permission
from common.spreadsheets import csv_response

from . import charts, personal_data
from .cards import select_cards
from .forms import EmailLookupForm, PeriodForm, PersonalDataActionForm
from .qr import local_base_url
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


def _usd(amount):
    return "USD " + number_format(amount or 0, decimal_pos=0, force_grouping=True)


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
    visitors = tables["visitors-by-country"]
    funnel = tables["pipeline-funnel"]
    value = tables["transaction-value"]
    potential, agreed = value.rows[0][2], value.rows[1][2]
    deals = tables["deal-value"]
    agreed_deals, realised = deals.rows[1][2], deals.rows[2][2]
    figures = {
        "buyers": sum(row[1] for row in visitors.rows),
        "delegates": sum(row[2] for row in visitors.rows),
        "countries": len(visitors.rows),
        "trade_leads": sum(row[1] for row in tables["leads-per-day"].rows),
        "placement_leads": sum(row[2] for row in tables["leads-per-day"].rows),
        "msmes": len(tables["leads-per-msme"].rows),
        "potential": potential,
        "potential_idr": convert(potential, Currency.USD, Currency.IDR),
        "agreed": agreed,
        "agreed_idr": convert(agreed, Currency.USD, Currency.IDR),
        "agreed_deals": agreed_deals,
        "agreed_deals_idr": convert(agreed_deals, Currency.USD, Currency.IDR),
        "realised": realised,
        "realised_idr": convert(realised, Currency.USD, Currency.IDR),
    }
    chart_of = {
        "visitors-by-country": charts.horizontal_bars(
            visitors.title,
            visitors.rows,
            label=0,
            values=[1, 2],
            legend=visitors.columns[1:3],
        ),
        "leads-per-day": charts.day_columns(
            tables["leads-per-day"].title,
            tables["leads-per-day"].rows,
            values=[1, 2],
            legend=tables["leads-per-day"].columns[1:3],
        ),
        "leads-per-msme": charts.horizontal_bars(
            tables["leads-per-msme"].title, tables["leads-per-msme"].rows, label=0, values=[2]
        ),
        "leads-per-category": charts.horizontal_bars(
            tables["leads-per-category"].title,
            tables["leads-per-category"].rows,
            label=0,
            values=[1],
        ),
        "leads-per-province": charts.horizontal_bars(
            tables["leads-per-province"].title,
            tables["leads-per-province"].rows,
            label=0,
            values=[2],
        ),
        "pipeline-funnel": charts.horizontal_bars(
            funnel.title, funnel.rows[:-2], label=0, values=[1]
        ),
        "placement-demand": charts.horizontal_bars(
            tables["placement-demand"].title,
            _sum_by(tables["placement-demand"].rows, label=1, value=3),
            label=0,
            values=[1],
        ),
        "transaction-value": charts.horizontal_bars(
            value.title,
            [[_("Potential"), potential], [_("Agreed"), agreed]],
            label=0,
            values=[1],
            value_format=_usd,
        ),
        "deal-value": charts.horizontal_bars(
            deals.title,
            [[_("Potential"), potential], [_("Agreed"), agreed_deals], [_("Realised"), realised]],
            label=0,
            values=[1],
            value_format=_usd,
        ),
    }
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
    return {"period": period, "figures": figures, "sections": sections}


def _sum_by(rows, *, label, value):
    totals: dict[str, int] = {}
    for row in rows:
        totals[row[label]] = totals.get(row[label], 0) + (row[value] or 0)
    return sorted(([name, total] for name, total in totals.items()), key=lambda r: -r[1])


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
