"""Catalogue search: weighted full-text search in English and Indonesian on PostgreSQL,
with typo correction from the catalogue's own words; a plain fallback on SQLite."""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
_WORD = re.compile(r"[^\W\d_]+")

_CORRECT_SQL = """
SELECT w.input,
       COALESCE((SELECT t.word
                   FROM products_searchterm t
                  WHERE levenshtein_less_equal(t.word, w.input, w.budget) <= w.budget
                  ORDER BY levenshtein(t.word, w.input), similarity(t.word, w.input) DESC, t.word
                  LIMIT 1), w.input)
  FROM (SELECT input, n, CASE WHEN length(input) <= 4 THEN 1 ELSE 2 END AS budget
          FROM unnest(%s::text[]) WITH ORDINALITY AS u(input, n)) AS w
 ORDER BY w.n
"""


def normalise_query(raw: str | None) -> str:
    """What a buyer typed, made safe to search: no control characters, one space, short."""
    if not raw:
        return ""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in str(raw))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _tsquery(text: str):
    # Each language's stemmer reads the words its own way; "simple" keeps names as typed.
    return (
        SearchQuery(text, config="english", search_type="websearch")
        | SearchQuery(text, config="indonesian", search_type="websearch")
        | SearchQuery(text, config="simple", search_type="websearch")
    )


def _postgres_search(queryset: QuerySet, text: str) -> QuerySet:
    query = _tsquery(text)
    exact = Q(name_en__iexact=text) | Q(name_ind__iexact=text)
    # Found through the full vector (GIN index); ranked by the small name vector, so a
    # common word costs a read of the names, not of every matching description.
    return queryset.filter(search_vector=query).annotate(
        rank=SearchRank(F("name_vector"), query),
        exact_name=Case(When(exact, then=Value(1)), default=Value(0), output_field=IntegerField()),
    )


def _fallback_search(queryset: QuerySet, text: str) -> QuerySet:
    for word in text.split()[:MAX_WORDS]:
        queryset = queryset.filter(
            Q(name_en__icontains=word)
            | Q(name_ind__icontains=word)
            | Q(description_en__icontains=word)
            | Q(description_ind__icontains=word)
            | Q(materials_en__icontains=word)
            | Q(materials_ind__icontains=word)
            | Q(category__name_en__icontains=word)
            | Q(category__name_ind__icontains=word)
            | Q(exhibitor__name__icontains=word)
        )
    return queryset.annotate(rank=Value(0.0), exact_name=Value(0))


def correct_spelling(text: str) -> str | None:
    """The query with each word replaced by the closest catalogue word, or None if unchanged.

    Closeness is edit distance (one edit for short words, two for longer ones),
    ties broken by trigram similarity.
    """
    words = [word.lower() for word in _WORD.findall(text)][:MAX_WORDS]
    words = [word for word in words if len(word) >= 3]
    if not words:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_CORRECT_SQL, [words])
        corrected = [row[1] for row in cursor.fetchall()]
    if corrected == words:
        return None
    return " ".join(corrected)


def search_products(queryset: QuerySet, text: str) -> QuerySet:
    """Products of ``queryset`` matching ``text`` (cleaned with normalise_query).

    On PostgreSQL they are annotated with ``rank`` and ``exact_name`` for sorting.
    """
    if not text:
        return queryset
    if connection.vendor != "postgresql":
        return _fallback_search(queryset, text)
    return _postgres_search(queryset, text)


def can_correct_spelling() -> bool:
    return connection.vendor == "postgresql"
