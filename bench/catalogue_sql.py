"""SQL time of the catalogue's results, total and filter counts over a varied query set.

Run in process by ``bench/run.py`` (``manage.py shell``): each query of the set builds
the result list the catalogue page shows (``products.views.catalogue_results``: the
counts, the page's ids and its product cards), and the time its SQL statements took
is summed. Prints the median, the 95th percentile and the slowest, in milliseconds.
"""

import itertools
import statistics
import time
from unittest import mock

from django.db import connection
from django.http import QueryDict
from django.utils import translation

from bench.run import WORDS
from booths.models import SupportProgramme
from products.facets import Selection
from products.models import Category
from products.views import catalogue_results

SORTS = ["", "newest", "price_asc", "price_desc"]
PROVINCES = ["", "JB", "JT", "JI", "BA", "NT"]
CERTS = ["", "halal", "pirt", "bpom_md", "svlk"]


def varied_queries(count: int) -> list[str]:
    """``count`` query strings: words (and none), categories, filters, sorts and pages."""
    categories = [""] + list(Category.objects.order_by("slug").values_list("slug", flat=True))
    programmes = [""] + list(
        SupportProgramme.objects.order_by("code").values_list("code", flat=True)
    )
    queries = []
    for n in itertools.islice(itertools.count(), count):
        params = {
            "q": WORDS[n % len(WORDS)],
            "category": categories[(n * 7) % len(categories)] if n % 3 else "",
            "province": PROVINCES[(n * 5) % len(PROVINCES)] if n % 4 == 1 else "",
            "cert": CERTS[(n * 3) % len(CERTS)] if n % 5 == 2 else "",
            "export_ready": "on" if n % 6 == 3 else "",
            "programme": programmes[n % len(programmes)] if n % 7 == 4 else "",
            "price_to": "20" if n % 9 == 5 else "",
            "sort": SORTS[n % len(SORTS)],
            "page": str(n % 5 + 1),
        }
        queries.append("&".join(f"{key}={value}" for key, value in params.items() if value))
    return queries


def _counted_afresh(selection, page, name):
    return selection._count(page)


def measure(count: int = 200) -> tuple[float, float, float]:
    """Median, 95th percentile and slowest SQL time (ms) of ``count`` varied queries."""
    spent = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[-1] += time.perf_counter() - start

    queries = varied_queries(count)
    translation.activate("en")
    catalogue_results(QueryDict(queries[0]))  # connect, and fill the category cache
    # Every count computed afresh: the cache keeps a search's counts for its other pages
    # and sorts, which would hide what the SQL itself costs.
    with (
        mock.patch.object(Selection, "counts", _counted_afresh),
        connection.execute_wrapper(timed),
    ):
        for query in queries:
            spent.append(0.0)
            context = catalogue_results(QueryDict(query))
            list(context["page"].object_list)
    timings = sorted(seconds * 1000 for seconds in spent)
    return (
        statistics.median(timings),
        timings[int(len(timings) * 0.95) - 1],
        timings[-1],
    )
