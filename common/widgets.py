from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class LongSelect(forms.Select):
    """A select with a long, fixed list (every country), rendered once per language.

    Rendering 250 options through templates costs tens of milliseconds, on every
    public product page. The list only changes with the language, so the HTML of an
    empty select is kept in memory, per field name, attributes and language; a
    select with a value chosen (a form shown again with errors) renders normally.
    """

    _rendered: dict = {}

    def render(self, name, value, attrs=None, renderer=None):
        if value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        blank = str(next(iter(self.choices), ("", ""))[1])
        key = (get_language(), name, tuple(sorted((attrs or {}).items())), blank)
        html = self._rendered.get(key)
        if html is None:
            html = str(super().render(name, value, attrs, renderer))
            self._rendered[key] = html
        return mark_safe(html)  # noqa: S308 - the widget's own escaped output
