"""Demo content and synthetic catalogues, loaded by the ``load_demo`` and
``generate_catalogue`` management commands.

It sits in ``buyers`` because that is the one app allowed to import the other two.
"""

from django.dispatch import Signal

# Sent by ``load_demo`` at the end of its transaction, so apps above ``buyers`` can add
# their own demo rows (idempotently: the command may run again) without ``buyers``
# knowing them. Keyword arguments: ``expo``, ``booth``; ``exhibitors`` and ``products``
# (dicts by slug), ``buyers`` and ``delegates`` (by email), ``users`` (by username; empty
# outside demo mode), ``images`` (whether pictures are drawn), and ``result`` (a
# ``loader.LoadResult``: append lines to ``result.notes`` to have the command print them).
demo_loaded = Signal()
