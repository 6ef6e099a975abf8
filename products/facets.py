"""The catalogue's results, total and filter counts on PostgreSQL.

Every statement reads ``products_catalogueentry`` (see ``products.catalogue_sql``), never
the wide product rows. Each facet is counted over every other active filter, and the
total is what passes them all; a product failing two filters counts nowhere.

- A search (text, price or order size): one statement finds the matches once (kept
  apart, ``MATERIALIZED``), marks the one facet filter each fails, if any, and counts
  them by each facet's values apart (grouping sets: a few hundred rows, however many
  products match). The same statement reads the ids of the page asked for, ranked and
  sorted. Its counts are kept in the cache for its other pages and sorts, which then
  read their ids alone.
- Browsing without them always groups the same rows, by every combination of the
  facets' values, whatever the facet filters: those groups are kept in the cache until
  the catalogue changes (its content version) or the day turns, and every such page is
  counted from them in Python without SQL; its ids are read alone.

The page's cards come from the cache, each a fragment of its own, and only the products
not shown since the catalogue changed are fetched by id (``products.views.product_cards``).
``products.filters.facet_counts`` is the same thing the plain way, for SQLite.
"""

import functools
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from common.cache import cached_fragment

from .catalogue_sql import CERT_KINDS

TSQUERY = (
    "(websearch_to_tsquery('english', %(q)s) || websearch_to_tsquery('indonesian', %(q)s)"
    " || websearch_to_tsquery('simple', %(q)s))"
)
EXACT_NAME = (
    "product_id IN (SELECT id FROM products_product WHERE upper(name_en::text) = upper(%(q)s)"
    " OR upper(name_ind::text) = upper(%(q)s))"
)
RANK = f"ts_rank(name_vector, {TSQUERY})"
ORDERINGS = {
    "relevance": f"({EXACT_NAME}) DESC, {RANK} DESC, published_at DESC, product_id DESC",
    "newest": "published_at DESC, product_id DESC",
    "price_asc": "price_min_usd ASC NULLS LAST, product_id DESC",
    "price_desc": "price_max_usd DESC NULLS LAST, product_id DESC",
}
# The same orders over the matches of ``Selection._sets_and_page``, which carry each
# product's rank instead of its name vector (a few bytes a row, not a few hundred: the
# matches of a common word then stay in memory).
MATCH_ORDERINGS = {**ORDERINGS, "relevance": ORDERINGS["relevance"].replace(RANK, "rank")}
# The facets' own values, which the counts group by.
GROUPED = "category_id, province, country, export_ready, programmes"
# The kinds of certificate a product holds in force: all while none has ended, none
# once all have, else those whose end date is today or later.
VALID_KINDS = (
    "CASE WHEN cert_first_until >= %(today)s THEN cert_kinds"
    " WHEN cert_last_until < %(today)s THEN 0 ELSE"
    " (SELECT coalesce(bit_or(1 << (k.n::int - 1)), 0)"
    " FROM unnest(cert_until) WITH ORDINALITY AS k(until, n) WHERE k.until >= %(today)s) END"
)


@dataclass
class Selection:
    """What a buyer asked for: search text and the filters' cleaned values."""

    text: str = ""
    category_ids: frozenset | None = None  # the chosen category and its subcategories
    province: str | None = None
    country: str | None = None
    cert: str | None = None
    export_ready: bool = False
    programme: int | None = None
    parent_of: dict = field(default_factory=dict)  # category id: its main category's id
    moq_max: int | None = None
    price_min_usd: object = None  # from: a product's highest price reaches it
    price_max_usd: object = None  # to: a product's lowest price is within it
    params: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)  # (sort, offset): ids read with the counts

    def __post_init__(self):
        self.params = {"q": self.text, "today": timezone.localdate()}

    def _base(self) -> list[str]:
        where = ["public"]
        if self.text:
            where.append(f"search_vector @@ {TSQUERY}")
        if self.moq_max is not None:
            where.append("moq <= %(moq_max)s")
            self.params["moq_max"] = self.moq_max
        if self.price_min_usd is not None:
            where.append("price_max_usd >= %(price_from)s")
            self.params["price_from"] = self.price_min_usd
        if self.price_max_usd is not None:
            where.append("price_min_usd <= %(price_to)s")
            self.params["price_to"] = self.price_max_usd
        return where

    def _facet_conditions(self) -> list[tuple[str, str]]:
        """(facet, SQL) of each facet filter in use."""
        conditions = []
        if self.category_ids is not None:
            # Never through the category index: then every product of the category would
            # be checked against the search text, reading its vector from TOAST each time.
            conditions.append(("category", "category_id + 0 = ANY(%(category_ids)s)"))
            self.params["category_ids"] = sorted(self.category_ids)
        if self.province:
            conditions.append(("province", "province = %(province)s"))
            self.params["province"] = self.province
        if self.country:
            conditions.append(("country", "country = %(country)s"))
            self.params["country"] = self.country
        if self.cert:
            index = CERT_KINDS.index(self.cert) + 1
            conditions.append(("cert", f"coalesce(cert_until[{index}] >= %(today)s, false)"))
        if self.export_ready:
            conditions.append(("export_ready", "export_ready"))
        if self.programme is not None:
            conditions.append(("programme", "programmes @> ARRAY[%(programme)s]::bigint[]"))
            self.params["programme"] = self.programme
        return conditions

    def counts(self, page: tuple[str, int, int] | None, name: str | None) -> tuple[int, dict]:
        """(results, facets): how many products match, and the count beside each value.
        Kept under ``name`` until the catalogue changes, so the next page or another sort
        of the same search (what a buyer does next) is counted without SQL; ``name`` is
        made of the search's canonical words and filters (None: counted, not kept).
        ``page`` (sort, offset, limit) is the page about to be shown: where the counts
        are made now, its ids are read by the same statement, for ``page_ids``."""
        if name is None:
            return self._count(page)
        return cached_fragment(None, name, lambda: self._count(page))

    def _count(self, page: tuple[str, int, int] | None = None) -> tuple[int, dict]:
        where = self._base()
        if len(where) == 1:
            # Browsing without search text, prices or order size: the groups are the
            # same whatever the facet filters, so every such page shares them until the
            # catalogue changes or the day (certificates in force) turns. Each process
            # keeps them too: at 100,000 products they are 20,000 rows, half a megabyte
            # to read from the cache and 50 ms to unpickle for each new filter.
            name = f"catalogue:groups:{self.params['today']}"
            groups = cached_fragment(None, name, lambda: self._groups(where), in_process=True)
            return self._tally(groups)
        return self._tally_sets(*self._sets_and_page(where, page))

    def _groups(self, where: list[str]) -> list[tuple]:
        """The matches grouped by every combination of the facets' values."""
        # Formatted from this module's constants only; what a visitor sends is a parameter.
        sql = (
            f"SELECT {GROUPED}, {VALID_KINDS} AS kinds, count(*)"  # noqa: S608
            f" FROM products_catalogueentry WHERE {' AND '.join(where)}"
            " GROUP BY 1, 2, 3, 4, 5, 6"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, self.params)
            return cursor.fetchall()

    def _sets_and_page(self, where: list[str], page) -> tuple[list[tuple], list[str]]:
        """The matches counted by each facet's values apart (a grouping set each), beside
        the facet filter each fails (``missed``: 0 for none, else its place in the list
        returned with the rows, from 1); products failing two count nowhere and are left
        out. A few hundred rows, however many products match.

        ``page`` (sort, offset, limit): its ids are read by the same statement, from the
        same matches (found once, ``MATERIALIZED``), and kept in ``pages``. They come as
        one more row, the only one without a count."""
        conditions = self._facet_conditions()
        names = [name for name, _sql in conditions]
        if len(conditions) > 1:
            passed = " + ".join(f"({sql})::int" for _name, sql in conditions)
            where = [*where, f"{passed} >= {len(conditions) - 1}"]
        missed = "0"
        if conditions:
            cases = " ".join(
                f"WHEN NOT ({sql}) THEN {place}"
                for place, (_name, sql) in enumerate(conditions, start=1)
            )
            missed = f"CASE {cases} ELSE 0 END"
        ranked = f", {RANK} AS rank" if page and page[0] == "relevance" else ""
        sets = ", ".join(f"({column}, missed)" for column in (*GROUPED.split(", "), "kinds"))
        # Constants only, as above.
        sql = (
            "WITH matches AS MATERIALIZED ("  # noqa: S608
            f"SELECT product_id, {GROUPED}, {VALID_KINDS} AS kinds, {missed} AS missed,"
            f" published_at, price_min_usd, price_max_usd{ranked}"
            f" FROM products_catalogueentry WHERE {' AND '.join(where)})"
            f" SELECT {GROUPED}, kinds, missed, count(*), NULL::bigint[]"
            f" FROM matches GROUP BY GROUPING SETS ({sets})"
        )
        params = self.params
        if page:
            sort, offset, limit = page
            sql += (
                " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ARRAY("  # noqa: S608
                f"SELECT product_id FROM matches WHERE missed = 0 ORDER BY {MATCH_ORDERINGS[sort]}"
                " LIMIT %(limit)s OFFSET %(offset)s)::bigint[]"
            )
            params = {**params, "limit": limit, "offset": offset}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if page:
            self.pages[sort, offset] = next(row[8] for row in rows if row[7] is None)
        return [row[:8] for row in rows if row[7] is not None], names

    def _tally_sets(self, rows, names: list[str]) -> tuple[int, dict]:
        """The counts from ``_sets_and_page``'s rows: each row counts in its facet when it
        fails no filter or only that facet's own."""
        tally = _Tally(self.parent_of)
        for row in rows:
            category_id, province_code, country_code, ready, programmes, kinds, missed, n = row
            # Each row is one grouping set's: only its own facet's value is not NULL.
            tally.add(
                n,
                names[missed - 1] if missed else None,
                category_id,
                province_code,
                country_code,
                bool(ready),
                programmes or (),
                kinds or 0,
            )
        return tally.result()

    def _tally(self, rows) -> tuple[int, dict]:
        # The filters in use, each a test on a group's row (columns as in counts()).
        tests = []
        if self.category_ids is not None:
            tests.append(("category", lambda row, ids=self.category_ids: row[0] in ids))
        if self.province:
            tests.append(("province", lambda row, code=self.province: row[1] == code))
        if self.country:
            tests.append(("country", lambda row, code=self.country: row[2] == code))
        if self.export_ready:
            tests.append(("export_ready", lambda row: row[3]))
        if self.programme is not None:
            tests.append(("programme", lambda row, pk=self.programme: pk in row[4]))
        if self.cert:
            cert_bit = 1 << CERT_KINDS.index(self.cert)
            tests.append(("cert", lambda row: row[5] & cert_bit))
        # Each row passes every filter, or all but one (it counts in that facet only), or
        # fails two and counts nowhere: sorted first, then counted a facet at a time.
        passing, failing = [], {name: [] for name, _test in tests}
        for row in rows:
            failed = None
            for name, test in tests:
                if not test(row):
                    if failed:
                        break
                    failed = name
            else:
                (passing if failed is None else failing[failed]).append(row)
        tally = _Tally(self.parent_of)
        tally.add_rows(passing)
        for name, failed_rows in failing.items():
            tally.add_rows(failed_rows, name)
        return tally.result()

    def page_ids(self, sort: str, offset: int, limit: int) -> list[int]:
        """The ids of one page of results, in the order asked for."""
        read = self.pages.get((sort, offset))
        if read is not None:
            return read[:limit]
        where = self._base() + [sql for _name, sql in self._facet_conditions()]
        # Constants only, as above.
        matching = f"products_catalogueentry WHERE {' AND '.join(where)}"
        if self.text:
            # The matches through the full-text index first (OFFSET 0 keeps them apart),
            # then sorted: else, for "newest", PostgreSQL may walk the whole date index
            # looking for the few products that match, reading every vector on the way.
            matching = (
                "(SELECT product_id, name_vector, published_at, price_min_usd, price_max_usd"  # noqa: S608
                f" FROM {matching} OFFSET 0) AS matches"
            )
        sql = (
            f"SELECT product_id FROM {matching}"  # noqa: S608
            f" ORDER BY {ORDERINGS[sort]} LIMIT %(limit)s OFFSET %(offset)s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, {**self.params, "limit": limit, "offset": offset})
            return [row[0] for row in cursor.fetchall()]


class _Tally:
    """The counts beside each facet's values, and the total, added up group by group."""

    def __init__(self, parent_of: dict):
        self.parent_of = parent_of
        self.total = self.export_ready = 0
        self.category, self.province, self.country = Counter(), Counter(), Counter()
        self.cert, self.programme = Counter(), Counter()
        self._facets = {
            "category": self._category,
            "province": self._province,
            "country": self._country,
            "export_ready": self._export_ready,
            "programme": self._programme,
            "cert": self._cert,
        }

    def add(self, n, failed, *values):
        """``n`` products with these values (category, province, country, export-ready,
        programmes, kinds of certificate)."""
        self.add_rows([(*values, n)], failed)

    def add_rows(self, rows, failed: str | None = None):
        """Rows of those values and a number of products, failing no filter (``failed``
        None) or only ``failed``'s: they count in that facet only. A value of None counts
        nowhere; the total counts the rows that fail nothing and have a category."""
        if failed is not None:
            self._facets[failed](rows)
            return
        for count in self._facets.values():
            count(rows)
        self.total += sum(row[6] for row in rows if row[0] is not None)

    def _category(self, rows):
        category, parent_of = self.category, self.parent_of
        for row in rows:
            if row[0] is not None:
                category[row[0]] += row[6]
                parent = parent_of.get(row[0])
                if parent:
                    category[parent] += row[6]

    def _province(self, rows):
        for row in rows:
            if row[1] is not None:
                self.province[row[1]] += row[6]

    def _country(self, rows):
        for row in rows:
            if row[2] is not None:
                self.country[row[2]] += row[6]

    def _export_ready(self, rows):
        self.export_ready += sum(row[6] for row in rows if row[3])

    def _programme(self, rows):
        for row in rows:
            for programme_id in row[4] or ():
                self.programme[programme_id] += row[6]

    def _cert(self, rows):
        for row in rows:
            if row[5]:
                for kind in _kinds(row[5]):
                    self.cert[kind] += row[6]

    def result(self) -> tuple[int, dict]:
        return self.total, {
            "category": self.category,
            "province": _most_first(self.province),
            "country": _most_first(self.country),
            "cert": _most_first(self.cert),
            "export_ready": self.export_ready,
            "programme": _most_first(self.programme),
        }


@functools.cache
def _kinds(bits: int) -> tuple[str, ...]:
    """The kinds of certificate whose bits are set (bit n for ``CERT_KINDS[n]``)."""
    return tuple(kind for index, kind in enumerate(CERT_KINDS) if bits & (1 << index))


def _most_first(counts: Counter) -> dict:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
