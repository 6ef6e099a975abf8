"""Catalogue search: weighted full-text search in English and Indonesian on PostgreSQL,
with typo correction from the catalogue's own words; a plain fallback on SQLite."""

import math
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
_WORD = re.compile(r"[^\W\d_]+")

# Candidates for each typed word, found by PostgreSQL through two small indexes: words
# about as long whose first or second letter is the typed word's first or second letter
# (so a slip in the first letter, or a swap of the first two, is still found), and of
# those the ones within a loose plain edit distance (a swap of two letters counts two
# there, so the window is twice the correction's budget), the closest and most used
# first, at most MAX_CANDIDATES; the typed word with two neighbours swapped back counts
# one there, so a swap in a short word is not crowded out by the many words two edits
# away. Python then measures the candidates properly (typing_distance).
_CANDIDATES_SQL = """
SELECT w.n, c.word, c.products
  FROM unnest(%s::text[], %s::int[], %s::text[]) WITH ORDINALITY AS w(input, slack, swaps, n)
  CROSS JOIN LATERAL (
        SELECT t.word, t.products
          FROM products_searchterm t
         WHERE (left(t.word, 1) IN (left(w.input, 1), substr(w.input, 2, 1))
                OR substr(t.word, 2, 1) IN (left(w.input, 1), substr(w.input, 2, 1)))
           AND length(t.word) BETWEEN length(w.input) - w.slack AND length(w.input) + w.slack
           AND levenshtein_less_equal(t.word, w.input, w.slack) <= w.slack
         ORDER BY levenshtein_less_equal(t.word, w.input, w.slack)
                  - (t.word = ANY(string_to_array(w.swaps, ' ')))::int,
                  t.products DESC, t.word
         LIMIT %s) AS c
"""
MAX_CANDIDATES = 50
# One edit is worth a hundredfold difference in how many products use a word.
FREQUENCY_WEIGHT = 0.5


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


def typing_distance(typed: str, word: str) -> float:
    """How many slips of the fingers turn ``word`` into ``typed``.

    Damerau-Levenshtein (optimal string alignment): a letter left out, added, replaced,
    or two neighbours swapped ("kpoi" for kopi) each count one; a doubled letter typed
    once or a letter typed twice ("cofe", "battik") counts half, the commonest slip of all.
    """
    rows, cols = len(typed) + 1, len(word) + 1
    distance = [[0.0] * cols for _ in range(rows)]
    for i in range(1, rows):
        distance[i][0] = distance[i - 1][0] + _doubled(typed, i - 1)
    for j in range(1, cols):
        distance[0][j] = distance[0][j - 1] + _doubled(word, j - 1)
    for i in range(1, rows):
        for j in range(1, cols):
            best = min(
                distance[i - 1][j] + _doubled(typed, i - 1),
                distance[i][j - 1] + _doubled(word, j - 1),
                distance[i - 1][j - 1] + (typed[i - 1] != word[j - 1]),
            )
            if (
                i > 1
                and j > 1
                and typed[i - 1] == word[j - 2]
                and typed[i - 2] == word[j - 1]
                and typed[i - 1] != typed[i - 2]
            ):
                best = min(best, distance[i - 2][j - 2] + 1)
            distance[i][j] = best
    return distance[-1][-1]


def _doubled(text: str, index: int) -> float:
    """The cost of adding or dropping ``text[index]``: half if it repeats the letter before."""
    return 0.5 if index and text[index] == text[index - 1] else 1.0


def _budget(word: str) -> float:
    # Short words have many neighbours: one slip only, or everything looks like everything.
    return 1.0 if len(word) <= 4 else 2.0


def correct_spelling(text: str) -> str | None:
    """The query with each unknown word replaced by the likeliest catalogue word, or None.

    A word the catalogue uses is kept. Otherwise the candidates within the word's budget
    of slips (typing_distance: one for words of up to four letters, two beyond) are
    scored by their distance less FREQUENCY_WEIGHT times the tens of products using them,
    so a common word wins over a rare one as close ("cofe" is coffee, not core).
    Two queries' worth of work at most: one SQL statement for all the words.
    """
    words = [word.lower() for word in _WORD.findall(text)][:MAX_WORDS]
    words = [word for word in words if len(word) >= 3]
    if not words:
        return None
    slack = [int(2 * _budget(word)) for word in words]
    candidates: list[list[tuple[str, int]]] = [[] for _ in words]
    with connection.cursor() as cursor:
        cursor.execute(
            _CANDIDATES_SQL, [words, slack, [_swaps(word) for word in words], MAX_CANDIDATES]
        )
        for n, candidate, products in cursor.fetchall():
            candidates[n - 1].append((candidate, products))
    corrected = [_likeliest(word, found) for word, found in zip(words, candidates, strict=True)]
    if corrected == words:
        return None
    return " ".join(corrected)


def _swaps(word: str) -> str:
    """Every way of swapping two neighbouring letters of ``word``, space-separated."""
    return " ".join(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))


def _likeliest(typed: str, candidates: list[tuple[str, int]]) -> str:
    budget = _budget(typed)
    best, best_score = typed, None
    for word, products in candidates:
        if word == typed:
            return typed
        distance = typing_distance(typed, word)
        if distance > budget:
            continue
        score = (distance - FREQUENCY_WEIGHT * math.log10(1 + products), word)
        if best_score is None or score < best_score:
            best, best_score = word, score
    return best


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
