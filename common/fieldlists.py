"""Field lists declared once, with base names for translated fields.

A translated field (django-modeltranslation) is declared by its base name, ``name``;
forms, spreadsheets and services that need the columns get ``name_en`` and ``name_ind``
from here, so a new language or a new translated field changes no list.
"""

from modeltranslation.translator import translator
from modeltranslation.utils import get_translation_fields


def with_translations(model, names, *, indonesian_first: bool = False) -> tuple[str, ...]:
    """``names`` in order, each translated field of ``model`` replaced by one per language.

    English comes first (the default language); owners' forms ask Indonesian first.
    """
    translated = translator.get_options_for_model(model).fields
    expanded = []
    for name in names:
        if name not in translated:
            expanded.append(name)
            continue
        languages = get_translation_fields(name)
        expanded.extend(reversed(languages) if indonesian_first else languages)
    return tuple(expanded)


def flattened(groups) -> tuple[str, ...]:
    """The names of a declaration in groups, ``((title, (name, ...)), ...)``, in order."""
    return tuple(name for _title, names in groups for name in names)
