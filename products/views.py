import functools
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe
from django_countries import countries

from booths.choices import Province
from booths.models import public_programmes
from common.cache import (
    cached_fragment,
    cached_fragments,
    cached_page,
    canonical_query,
    page_number,
    prefetch_fragments,
)
from common.money import Currency, convert
from common.qr import public_base_url
from common.templatetags.money import money

from .choices import CertificationKind
from .facets import Selection
from .filters import (
    MAX_PRICE,
    CatalogueFilter,
    catalogue_categories,
    catalogue_programmes,
    facet_counts,
)
from .models import Product
from .printed import BuildUnderWay, cache_key, printed_catalogue
from .search import can_correct_spelling, correct_spelling, normalise_query, search_products

PAGE_SIZE = 24
# Only these parameters shape the catalogue; anything else in the URL is ignored.
PARAMETERS = (
    "q",
    "category",
    "province",
    "country",
    "cert",
    "export_ready",
    "programme",
    "moq_max",
    "price_from",
    "price_to",
    "currency",
    "sort",
    "page",
)
ORDERINGS = {
    "relevance": ("-exact_name", "-rank", "-published_at", "-pk"),
    "newest": ("-published_at", "-pk"),
    "price_asc": (F("price_min_usd").asc(nulls_last=True), "-pk"),
    "price_desc": (F("price_max_usd").desc(nulls_last=True), "-pk"),
}


def _one_of(choices):
    allowed = frozenset(str(choice) for choice in choices)
    return lambda value: value if value in allowed else None


def _known(listing, attribute: str):
    """A cleaner for a category's slug or a programme's code: those this process knows
    (the list as last read, before the versions are read with the page's fragment, in one
    round trip), or else those of the current list. A slug taken away since names a page
    whose filters then say so: one entry, of a value that was valid."""

    def clean(value: str) -> str | None:
        for unchecked in (True, False):
            if value in {getattr(item, attribute) for item in listing(unchecked=unchecked)}:
                return value
        return None

    return clean


def _amount(maximum: Decimal, places: int, minimum: Decimal = Decimal(0)):
    def clean(value: str) -> str | None:
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None
        if not number.is_finite() or not minimum <= number <= maximum:
            return None
        if number.as_tuple().exponent < -places:  # as the filters' form counts places
            return None
        return format((number + 0).normalize(), "f")  # -0 is 0

    return clean


# The catalogue's parameters in their canonical form, for the cache keys: a value the
# filters would refuse (with a message) gets the page rendered, never stored.
CLEANERS = {
    "q": normalise_query,
    "category": _known(catalogue_categories, "slug"),
    "province": _one_of(Province.values),
    "country": _one_of(code for code, _name in countries),
    "cert": _one_of(CertificationKind.values),
    "export_ready": _one_of(["on"]),
    "programme": _known(catalogue_programmes, "code"),
    "moq_max": _amount(Decimal(10**9), 0, minimum=Decimal(1)),
    "price_from": _amount(MAX_PRICE, 2),
    "price_to": _amount(MAX_PRICE, 2),
    "currency": _one_of(Currency.values),
    "sort": _one_of(ORDERINGS),
    "page": page_number,
}


def _clean_params(query: QueryDict) -> QueryDict:
    params = QueryDict(mutable=True)
    for key in PARAMETERS:
        value = query.get(key, "")
        value = normalise_query(value) if key == "q" else value.strip()[:40]
        if value:
            params[key] = value
    return params


def _url(params: QueryDict, **changes) -> str:
    """This catalogue page with some parameters set (or removed, with None), from page 1."""
    query = [(key, value) for key, value in params.items() if key != "page" and key not in changes]
    query += [(key, value) for key, value in changes.items() if value is not None]
    return f"?{urlencode(query)}" if query else "?"


class _Links:
    """Links to this catalogue page with one parameter set or removed (as ``_url`` makes
    them), for the filters column's forty-odd links: the rest of the query is encoded
    once per parameter, not once per link."""

    def __init__(self, params: QueryDict):
        self.params = params
        self._others: dict[str, str] = {}

    def __call__(self, key: str, value) -> str:
        others = self._others.get(key)
        if others is None:
            others = self._others[key] = urlencode(
                [(name, given) for name, given in self.params.items() if name not in ("page", key)]
            )
        if value is None:
            return f"?{others}"
        own = urlencode([(key, value)])
        return f"?{others}&{own}" if others else f"?{own}"


def _option(links: _Links, key, value, label, count, indent=False):
    selected = links.params.get(key) == str(value)
    return {
        "label": label,
        "count": count,
        "selected": selected,
        "indent": indent,
        "url": links(key, None if selected else value),
    }


def _facet_groups(params, facets, categories, programmes, selected_category):
    links = _Links(params)
    category_options = []
    for category in categories:
        if category.parent_id is None and facets["category"].get(category.pk):
            category_options.append(
                _option(
                    links,
                    "category",
                    category.slug,
                    category.name,
                    facets["category"][category.pk],
                )
            )
            if selected_category and selected_category.pk in (
                category.pk,
                selected_category.parent_id,
            ):
                category_options += [
                    _option(
                        links,
                        "category",
                        child.slug,
                        child.name,
                        facets["category"].get(child.pk),
                        indent=True,
                    )
                    for child in categories
                    if child.parent_id == category.pk and facets["category"].get(child.pk)
                ]
    groups = [
        ("category", _("Category"), category_options),
        (
            "cert",
            _("Certification"),
            [
                _option(links, "cert", kind, CertificationKind(kind).label, count)
                for kind, count in facets["cert"].items()
            ],
        ),
        (
            "province",
            _("Province of origin"),
            [
                _option(links, "province", code, Province(code).label, count)
                for code, count in facets["province"].items()
            ],
        ),
        (
            "country",
            _("Founder worked in"),
            [
                _option(links, "country", code, countries.name(code) or code, count)
                for code, count in facets["country"].items()
            ],
        ),
    ]
    programme_names = {programme.pk: programme for programme in programmes}
    groups.append(
        (
            "programme",
            _("Support programme"),
            [
                _option(
                    links,
                    "programme",
                    programme_names[pk].code,
                    programme_names[pk].name,
                    count,
                )
                for pk, count in facets["programme"].items()
                if pk in programme_names
            ],
        )
    )
    if facets["export_ready"]:
        groups.append(
            (
                "export_ready",
                _("Export"),
                [
                    _option(
                        links, "export_ready", "on", _("Ready to export"), facets["export_ready"]
                    )
                ],
            )
        )
    return [
        {"key": key, "title": title, "options": options}
        for key, title, options in groups
        if options
    ]


def _sort(form, text):
    sort = form.cleaned_data.get("sort") or ("relevance" if text else "newest")
    return "newest" if sort == "relevance" and not text else sort


def _search_and_filter(published, text, params):
    """SQLite: the search and filters as a queryset, counted the plain way."""
    searched = search_products(published, text)
    filterset = CatalogueFilter(params, queryset=searched)
    form = filterset.form
    form.is_valid()
    sort = _sort(form, text)
    results = filterset.qs.order_by(*ORDERINGS[sort]).values_list("pk", flat=True)
    page = Paginator(results, PAGE_SIZE).get_page(params.get("page"))
    page.object_list = product_cards(list(page.object_list))
    return searched, form, sort, page


class Card(SafeString):
    """A product's card in a result list: its HTML, which knows the product it shows."""

    def __new__(cls, pk: int, html: str):
        card = super().__new__(cls, html)
        card.pk = pk
        return card


def product_cards(ids: list[int], eager_first: bool = True) -> list[Card]:
    """The cards of these products, in this order, as HTML: each card is a fragment of its
    own, shared by every result list it appears in, so a new search renders only the cards
    not shown since the catalogue last changed. The first card's photo of a result list
    loads at once (it is the page's largest paint), the others when scrolled to; the two
    kinds are kept apart. Cards further down a page (``eager_first=False``) are all lazy.
    """

    def name(position, pk):
        return f"card:{pk}:{'eager' if eager_first and position == 0 else 'lazy'}"

    def build(missing):
        wanted = {int(card.split(":")[1]) for card in missing}
        products = Product.objects.filter(pk__in=wanted).cards_only().in_bulk()
        template = get_template("products/partials/card.html")
        return {
            card: template.render({"product": products[pk], "eager": card.endswith(":eager")})
            for card in missing
            if (pk := int(card.split(":")[1])) in products
        }

    names = [name(position, pk) for position, pk in enumerate(ids)]
    cards = cached_fragments(None, names, build)
    return [Card(pk, cards[card]) for pk, card in zip(ids, names, strict=True) if card in cards]


class _Results:
    """One page of PostgreSQL results for the paginator: the ids in SQL, then the cards."""

    def __init__(self, selection, sort, total):
        self.selection, self.sort, self.total = selection, sort, total

    def count(self):
        return self.total

    def __getitem__(self, window: slice):
        if not self.total:
            return []
        return product_cards(
            self.selection.page_ids(self.sort, window.start, window.stop - window.start)
        )


def _selection(text, form, categories) -> Selection:
    data = form.cleaned_data
    category = data.get("category")
    currency = data.get("currency") or Currency.USD

    def usd(value):
        return None if value is None else convert(value, currency, Currency.USD)

    return Selection(
        text=text,
        category_ids=None
        if category is None
        else frozenset(c.pk for c in categories if category.pk in (c.pk, c.parent_id)),
        province=data.get("province") or None,
        country=data.get("country") or None,
        cert=data.get("cert") or None,
        export_ready=bool(data.get("export_ready")),
        programme=data["programme"].pk if data.get("programme") else None,
        moq_max=data.get("moq_max"),
        price_min_usd=usd(data.get("price_from")),
        price_max_usd=usd(data.get("price_to")),
        parent_of={c.pk: c.parent_id for c in categories},
    )


class _SharedFields(dict):
    """A form's fields, given to each of its forms as they are rather than deep-copied:
    for a form whose fields nothing changes (no widget attributes set per request)."""

    def __deepcopy__(self, memo):
        return _SharedFields(self)


@functools.cache
def _filters_form_class():
    """The class of the filters' form, made once per process: django-filter makes a new
    one on every use, copying every filter first (over a millisecond a page). Its forms
    only check a link and give labels, so they share its fields: copying twelve fields,
    one with 250 countries, cost a third of a millisecond a page."""
    form_class = CatalogueFilter(queryset=Product.objects.none()).form.__class__
    form_class.base_fields = _SharedFields(form_class.base_fields)
    return form_class


def _postgres_results(text, params, categories):
    """(form, sort, page, facets, corrected): the filters' form alone checks the link;
    the results and counts are read in SQL (``products.facets``)."""
    form = _filters_form_class()(params)
    form.is_valid()
    selection = _selection(text, form, categories)
    sort = _sort(form, text)
    # The page asked for, read with the counts where they are made now.
    asked = (sort, (int(page_number(params.get("page", "")) or 1) - 1) * PAGE_SIZE, PAGE_SIZE)
    total, facets = selection.counts(asked, counts_name(params))
    corrected = None
    if text and not total and not any(facets.values()):
        # Nothing matched the words as typed, whatever the filters (a filter that leaves
        # nothing still counts the words' products beside its other values): try the
        # closest words of the catalogue.
        suggestion = correct_spelling(text)
        if suggestion:
            attempt = _selection(suggestion, form, categories)
            attempt_total, attempt_facets = attempt.counts(asked, counts_name(params, suggestion))
            if attempt_total:
                selection, total, facets = attempt, attempt_total, attempt_facets
                corrected = suggestion
    page = Paginator(_Results(selection, sort, total), PAGE_SIZE).get_page(params.get("page"))
    return form, sort, page, facets, corrected


def search_name(kind: str, params: QueryDict, *, sort=True, text=None) -> str | None:
    """The cache name of what every page of a search shows (``kind``: its counts, which
    leave out the sort too, or its filters column): its words (``text`` instead, when
    given), filters and sort in their canonical form. None for a link with a value the
    filters refuse (nothing of it is kept)."""
    search = QueryDict(mutable=True)
    for key, values in params.lists():
        if key != "page" and (sort or key != "sort"):
            search.setlist(key, values)
    if text is not None:
        search["q"] = text
    canonical = canonical_query(search, CLEANERS)
    return None if canonical is None else f"catalogue:{kind}?{canonical}"


def counts_name(params: QueryDict, text: str | None = None) -> str | None:
    return search_name("counts", params, sort=False, text=text)


def _fallback_results(text, params, categories):
    published = Product.objects.published()
    searched, form, sort, page = _search_and_filter(published, text, params)
    return form, sort, page, facet_counts(params, searched, categories), None


def catalogue_results(params: QueryDict) -> dict:
    """Everything the result list shows, in a fixed number of queries."""
    categories = catalogue_categories()
    programmes = catalogue_programmes()
    text = normalise_query(params.get("q"))
    if can_correct_spelling():
        form, sort, page, facets, corrected = _postgres_results(text, params, categories)
    else:
        form, sort, page, facets, corrected = _fallback_results(text, params, categories)
    selected_category = form.cleaned_data.get("category")
    active = [
        {"label": label, "url": _url(params, **{key: None})}
        for key, label in _active_filters(form, selected_category)
    ]

    def filters():
        return render_to_string(
            "products/partials/filters.html",
            {
                "form": form,
                "active": active,
                "groups": _facet_groups(params, facets, categories, programmes, selected_category),
                "hidden": [
                    (key, value) for key, value in params.items() if key not in RANGE_FIELDS
                ],
                # The price and order size boxes as sent (every key present: a template's
                # failed lookup costs more than the value).
                "ranges": {
                    **{key: params.get(key, "") for key in RANGE_FIELDS},
                    "currency": params.get("currency") or Currency.USD,
                },
            },
        )

    name = search_name("filters", params)
    return {
        "params": params,
        "query": text,
        "corrected": corrected,
        "sort": sort,
        "invalid": sorted(form.errors),
        "page": page,
        "filters": filters() if name is None else cached_fragment(None, name, filters),
        "active": active,
        "sorts": [
            {"value": value, "label": label, "url": _url(params, sort=value)}
            for value, label in form.fields["sort"].choices
            if value != "relevance" or text
        ],
        "clear_url": _url(params, **dict.fromkeys(FILTER_KEYS)),
    }


RANGE_FIELDS = ("price_from", "price_to", "currency", "moq_max", "page")
FILTER_KEYS = (
    "category",
    "province",
    "country",
    "cert",
    "export_ready",
    "programme",
    *RANGE_FIELDS[:-1],
)


def _active_filters(form, selected_category):
    """(parameter, label) of each filter in use, for chips that remove them."""
    data = form.cleaned_data
    if selected_category:
        yield "category", selected_category.name
    if data.get("cert"):
        yield "cert", CertificationKind(data["cert"]).label
    if data.get("province"):
        yield "province", Province(data["province"]).label
    if data.get("country"):
        yield (
            "country",
            _("Founder worked in %(country)s")
            % {"country": countries.name(data["country"]) or data["country"]},
        )
    if data.get("export_ready"):
        yield "export_ready", _("Ready to export")
    if data.get("programme"):
        yield "programme", data["programme"].name
    currency = data.get("currency") or "USD"
    if data.get("price_from") is not None:
        yield "price_from", _("From %(price)s") % {"price": money(data["price_from"], currency)}
    if data.get("price_to") is not None:
        yield "price_to", _("Up to %(price)s") % {"price": money(data["price_to"], currency)}
    if data.get("moq_max") is not None:
        yield "moq_max", _("Min. order up to %(moq)s") % {"moq": int(data["moq_max"])}


def catalogue(request):
    # Only the recognised parameters shape the page (and its cache key); others are ignored.
    recognised = QueryDict(mutable=True)
    for key in PARAMETERS:
        if key in request.GET:
            recognised.setlist(key, request.GET.getlist(key))
    canonical = canonical_query(recognised, CLEANERS)
    if canonical is None:
        # A value the filters refuse: rendered with their message, not cached.
        params = _clean_params(request.GET)
        return _catalogue_page(request, params, _catalogue_body(params))
    params = QueryDict(canonical)
    name = f"catalogue?{canonical}"
    address = f"{request.path}?{canonical}" if canonical else request.path
    return cached_page(
        request,
        name,
        lambda: _catalogue_page(
            request,
            params,
            cached_fragment(request, name, lambda: _catalogue_body(params)),
            address,
        ),
        # A page not cached yet needs its body, its search's counts and filters column
        # next: all in the same round trip.
        ahead=(name,),
        addressless=(counts_name(params), search_name("filters", params)),
    )


def _catalogue_page(request, params: QueryDict, body: str, address: str | None = None):
    return render(
        request,
        "products/catalogue.html",
        {"body": body, "query": params.get("q", ""), "params": params, "page_address": address},
    )


def _catalogue_body(params: QueryDict) -> str:
    # Without the request: the same for every visitor (and no context processors to run).
    return render_to_string("products/partials/catalogue_body.html", catalogue_results(params))


def detail(request, slug):
    # The product itself is in the fragment too, so a warm page needs no query at all;
    # its form fields and meeting panel are read with it, in one round trip.
    page = f"product:{slug}"
    prefetch_fragments(request, page, f"{page}:interest", f"{page}:meetings")
    parts = cached_fragment(request, page, lambda: _detail_parts(request, slug))
    if parts is None:
        raise Http404
    return render(request, "products/detail.html", {"product": parts["product"], "parts": parts})


def _detail_parts(request, slug) -> dict | None:
    """The product page's content, the same for every visitor; None for no such product
    on show (not stored: unknown addresses never make cache entries)."""
    product = (
        Product.objects.published()
        .select_related("exhibitor", "category", "category__parent")
        .prefetch_related(
            "images", "certifications", public_programmes("exhibitor__support_programmes")
        )
        .filter(slug=slug)
        .first()
    )
    if product is None:
        return None
    related = product_cards(
        list(
            Product.objects.published()
            .filter(category=product.category)
            .exclude(pk=product.pk)
            .order_by("-featured", "-published_at")
            .values_list("pk", flat=True)[:4]
        ),
        eager_first=False,
    )
    context = {
        "product": product,
        "related": related,
        "product_ld": product_json_ld(request, product),
    }
    parts = {
        "meta": format_html(
            '<meta name="description" content="{}">', Truncator(product.description).chars(155)
        ),
        "head": render_to_string("products/partials/detail_head.html", context, request),
        "body": render_to_string("products/partials/detail_body.html", context, request),
    }
    # The page around the parts needs the product and its business only: the photos,
    # certifications and category stay out of the cache entry (read on every request).
    product._prefetched_objects_cache = {}
    product._state.fields_cache.pop("category", None)
    return {"product": product, **parts}


def product_json_ld(request, product) -> dict:
    """schema.org Product data for search engines and link previews."""
    exhibitor = product.exhibitor
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.description,
        "sku": product.slug,
        "url": request.build_absolute_uri(product.get_absolute_url()),
        "category": str(product.category),
        "image": [
            request.build_absolute_uri(image.large[0])
            for image in product.images.all()
            if image.large
        ],
        "brand": {"@type": "Brand", "name": exhibitor.name},
        "manufacturer": {
            "@type": "Organization",
            "name": exhibitor.name,
            "url": request.build_absolute_uri(exhibitor.get_absolute_url()),
            "address": {
                "@type": "PostalAddress",
                "addressRegion": exhibitor.get_province_display(),
                "addressCountry": "ID",
            },
        },
    }
    if product.price_min is not None:
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": product.currency,
            "lowPrice": str(product.price_min),
            "highPrice": str(product.price_max or product.price_min),
            "eligibleQuantity": {"@type": "QuantitativeValue", "minValue": product.moq},
        }
    return data


# A copy in a browser or proxy may lag a change by this long; the ETag (the cache key)
# answers a repeated download with 304 and no body.
PRINTED_MAX_AGE = 300


def _printed_etag(request, expo=None):
    return cache_key(expo, public_base_url(request)).rsplit(":", 1)[1]


@require_safe
@condition(etag_func=_printed_etag)
def catalogue_pdf(request, expo=None):
    """The printed catalogue of the current expo (or of the expo ``expo``), as a PDF."""
    try:
        printed = printed_catalogue(expo, public_base_url(request))
    except BuildUnderWay:
        response = render(request, "products/print/busy.html", status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    if printed is None:
        raise Http404
    response = HttpResponse(printed.pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, printed.filename)
    response["Cache-Control"] = f"public, max-age={PRINTED_MAX_AGE}"
    return response
