"""The catalogue's filters: parsed and validated by django-filter, counted as facets."""

from collections import Counter
from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters.fields import ModelChoiceField

from booths.choices import ExportReadiness, Province
from booths.models import SupportProgramme
from common.cache import cached_fragment, process_copy
from common.money import Currency, convert

from .choices import CertificationKind
from .models import Category, Certification

EXPORT_READY = (ExportReadiness.READY, ExportReadiness.EXPORTING)
MAX_PRICE = Decimal("1000000000000")


def catalogue_categories(*, unchecked: bool = False) -> list[Category]:
    """All categories with their parents, cached until the catalogue changes.
    ``unchecked``: the list as this process last read it, if it did (``process_copy``)."""
    name = "catalogue:categories"
    if unchecked and (known := process_copy(name)) is not None:
        return known
    return cached_fragment(
        None, name, lambda: list(Category.objects.select_related("parent")), in_process=True
    )


def catalogue_programmes(*, unchecked: bool = False) -> list[SupportProgramme]:
    """All support programmes, cached until the catalogue changes. ``unchecked``: as for
    the categories."""
    name = "catalogue:programmes"
    if unchecked and (known := process_copy(name)) is not None:
        return known
    return cached_fragment(
        None, name, lambda: list(SupportProgramme.objects.all()), in_process=True
    )


class KnownChoiceField(ModelChoiceField):
    """A model choice found among ``known()``, the cached list of every choice, by its
    ``to_field_name``: checking a link's category or programme costs no query."""

    def __init__(self, *args, known, **kwargs):
        self.known = known
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        for choice in self.known():
            if getattr(choice, self.to_field_name) == value:
                return choice
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class KnownChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = KnownChoiceField


class SortChoice(django_filters.ChoiceFilter):
    """Sorting is applied by the view (relevance needs the search rank), not here."""

    def filter(self, qs, value):
        return qs


class CatalogueFilter(django_filters.FilterSet):
    category = KnownChoiceFilter(
        queryset=Category.objects.all(),
        known=catalogue_categories,
        to_field_name="slug",
        method="filter_category",
        label=_("Category"),
    )
    province = django_filters.ChoiceFilter(
        field_name="exhibitor__province", choices=Province.choices, label=_("Province of origin")
    )
    country = django_filters.ChoiceFilter(
        field_name="exhibitor__former_placement_country",
        # A callable: the form copies its choices for every request, 250 names long.
        choices=lambda: list(countries),
        label=_("Founder worked in"),
    )
    cert = django_filters.ChoiceFilter(
        choices=CertificationKind.choices, method="filter_certification", label=_("Certification")
    )
    export_ready = django_filters.BooleanFilter(
        method="filter_export_ready",
        widget=forms.CheckboxInput,
        label=_("Ready to export"),
    )
    programme = KnownChoiceFilter(
        queryset=SupportProgramme.objects.all(),
        known=catalogue_programmes,
        to_field_name="code",
        method="filter_programme",
        label=_("Support programme"),
    )
    moq_max = django_filters.NumberFilter(
        field_name="moq",
        lookup_expr="lte",
        label=_("Minimum order at most"),
        min_value=1,
        max_value=10**9,
        decimal_places=0,
    )
    price_from = django_filters.NumberFilter(
        method="filter_price_from",
        label=_("Price from"),
        min_value=0,
        max_value=MAX_PRICE,
        decimal_places=2,
    )
    price_to = django_filters.NumberFilter(
        method="filter_price_to",
        label=_("Price to"),
        min_value=0,
        max_value=MAX_PRICE,
        decimal_places=2,
    )
    currency = django_filters.ChoiceFilter(
        choices=Currency.choices, method="filter_nothing", label=_("Currency"), empty_label=None
    )
    sort = SortChoice(
        choices=[
            ("relevance", _("Best match")),
            ("newest", _("Newest")),
            ("price_asc", _("Price: low to high")),
            ("price_desc", _("Price: high to low")),
        ],
        label=_("Sort by"),
        empty_label=None,
    )

    def filter_category(self, queryset, name, category):
        return queryset.filter(Q(category=category) | Q(category__parent=category))

    def filter_certification(self, queryset, name, kind):
        return queryset.filter(
            Exists(Certification.objects.valid().filter(product=OuterRef("pk"), kind=kind))
        )

    def filter_export_ready(self, queryset, name, value):
        if value:
            return queryset.filter(exhibitor__export_readiness__in=EXPORT_READY)
        return queryset

    def filter_programme(self, queryset, name, programme):
        return queryset.filter(exhibitor__support_programmes=programme)

    def to_usd(self, value):
        currency = self.form.cleaned_data.get("currency") or Currency.USD
        return convert(value, currency, Currency.USD)

    def filter_price_from(self, queryset, name, value):
        # A product matches while its price range reaches into the buyer's range.
        return queryset.filter(price_max_usd__gte=self.to_usd(value))

    def filter_price_to(self, queryset, name, value):
        return queryset.filter(price_min_usd__lte=self.to_usd(value))

    def filter_nothing(self, queryset, name, value):
        return queryset


# Facets: which parameter each counts, and how.
FACETS = ("category", "province", "country", "cert", "export_ready", "programme")


def _without(data, key):
    data = data.copy()
    data.pop(key, None)
    return data


def facet_counts(data, base_queryset, categories):
    """Counts beside each filter value, the plain way: one query per facet (SQLite).

    PostgreSQL counts them all in one pass (``products.facets``). Each facet is
    counted over the products matching every *other* active filter, so a buyer sees
    what choosing another value of the same filter would give.
    ``categories`` is the full category list; main categories include their
    subcategories' products.
    """

    def matching(key):
        return CatalogueFilter(_without(data, key), queryset=base_queryset).qs.order_by()

    by_category = Counter()
    parent_of = {category.pk: category.parent_id for category in categories}
    for row in matching("category").values("category").annotate(n=Count("pk")):
        by_category[row["category"]] += row["n"]
        if parent_of.get(row["category"]):
            by_category[parent_of[row["category"]]] += row["n"]

    def grouped(key, field):
        rows = matching(key).values(field).annotate(n=Count("pk")).order_by("-n", field)
        return {row[field]: row["n"] for row in rows}

    certified = (
        Certification.objects.valid()
        .filter(product__in=matching("cert"))
        .values("kind")
        .annotate(n=Count("product", distinct=True))
        .order_by("-n", "kind")
    )
    programmes = (
        matching("programme")
        .filter(exhibitor__support_programmes__isnull=False)
        .values("exhibitor__support_programmes")
        .annotate(n=Count("pk"))
        .order_by("-n", "exhibitor__support_programmes")
    )
    return {
        "category": by_category,
        "province": grouped("province", "exhibitor__province"),
        "country": grouped("country", "exhibitor__former_placement_country"),
        "cert": {row["kind"]: row["n"] for row in certified},
        "export_ready": matching("export_ready")
        .filter(exhibitor__export_readiness__in=EXPORT_READY)
        .count(),
        "programme": {row["exhibitor__support_programmes"]: row["n"] for row in programmes},
    }
