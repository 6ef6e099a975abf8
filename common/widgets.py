from django import forms
from django.forms.renderers import DjangoTemplates
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


# What a form shows again of a value whose field has no length limit of its own: a long
# text (a story, a description) whole, anything else (a number, a hidden key) a little.
ECHO_LIMIT_TEXTAREA = 20_000
ECHO_LIMIT_OTHER = 1_000


def _limit_echo(widget: dict) -> None:
    value = widget.get("value")
    if isinstance(value, str):
        limit = widget.get("attrs", {}).get("maxlength")
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            textarea = widget.get("template_name", "").endswith("textarea.html")
            limit = ECHO_LIMIT_TEXTAREA if textarea else ECHO_LIMIT_OTHER
        if len(value) > limit:
            widget["value"] = value[:limit]
    for subwidget in widget.get("subwidgets", ()):
        _limit_echo(subwidget)


class EchoLimitedRenderer(DjangoTemplates):
    """The project's form renderer (settings.FORM_RENDERER): a form refused and shown
    again never sends back more of a value than its field accepts (its ``maxlength``),
    whatever size was posted. One place for every form, the admin's included."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict):
            _limit_echo(widget)
        return super().render(template_name, context, request)
