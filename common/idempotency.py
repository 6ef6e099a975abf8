"""Making something once per form: the one create path of leads and meetings.

Every public form carries a hidden idempotency key, stored uniquely with what it made.
A double tap, Back and send again, or a retry after a lost response then gives back
what the first post made instead of making it twice.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction

T = TypeVar("T")

# PostgreSQL's answer when two transactions wait for each other (40P01), or a
# serialisation failure (40001): the losing one is rolled back and may simply try again.
RETRYABLE = {"40P01", "40001"}
ATTEMPTS = 3


def retryable(error: OperationalError) -> bool:
    return getattr(getattr(error, "__cause__", None), "pgcode", None) in RETRYABLE


def create_once(
    *,
    find: Callable[[], T | None],
    create: Callable[[], T],
    admit: Callable[[], None] | None = None,
    notify: Callable[[T], None] | None = None,
) -> tuple[T, bool]:
    """What ``find()`` finds (made by an earlier post of the same form), else ``create()``
    run in a transaction of its own; returns it and whether this call made it.

    ``admit()`` runs only when something new is about to be made (not for a form sent
    before), and refuses by raising: the views' rate limits. ``notify(made)`` runs once
    the transaction has committed, so a mail problem can never undo what was made.

    Two posts of one form at the same moment both get past ``find()``; the unique key
    lets exactly one commit, and the other answers with what the first made. Where the
    first commits between the other's ``find()`` and ``admit()``, ``admit()`` may refuse
    because of it (a duplicate, a rate limit): that post, too, answers with what the first
    made. A deadlock is tried again, twice.
    """
    earlier = find()
    if earlier is not None:
        return earlier, False
    if admit is not None:
        try:
            admit()
        except Exception:
            earlier = find()
            if earlier is None:
                raise
            return earlier, False
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                made = create()
            break
        except (IntegrityError, ValidationError):
            # The other post committed first: full_clean() saw its key (ValidationError),
            # or the unique index did (IntegrityError). Anything else is a real refusal.
            earlier = find()
            if earlier is None:
                raise
            return earlier, False
        except OperationalError as error:
            if not retryable(error) or attempt == ATTEMPTS:
                raise
    if notify is not None:
        transaction.on_commit(lambda: notify(made), robust=True)
    return made, True
