"""Demo content and synthetic catalogues, loaded by the ``load_demo`` and
``generate_catalogue`` management commands.

It sits on top of every app and imports what it needs from each; no app imports it.
"""
