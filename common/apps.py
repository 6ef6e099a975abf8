from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        _choice_errors_without_the_value()


class PortalStaticFilesConfig(StaticFilesConfig):
    """Static files without django-modeltranslation's tabbed admin (its script and
    stylesheet): no admin of ours shows translations as tabs, and the stylesheet names
    jQuery UI's files on a CDN. Every asset the portal serves is its own."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "modeltranslation/*/tabbed_translation_fields.*",
    ]


def _choice_errors_without_the_value():
    """Django's choice fields put the refused value into their message ("Select a valid
    choice. <value> is not one of ..."): a form posted with 9 MB in a select came back
    with the 9 MB in its error. Every form of the project (the admin's too) says instead
    what ModelChoiceField says, in Django's own translations, without the value."""
    from django import forms

    message = forms.ModelChoiceField.default_error_messages["invalid_choice"]
    for field, key in (
        (forms.ChoiceField, "invalid_choice"),
        (forms.MultipleChoiceField, "invalid_choice"),
        (forms.ModelMultipleChoiceField, "invalid_choice"),
        (forms.ModelMultipleChoiceField, "invalid_pk_value"),
    ):
        field.default_error_messages[key] = message
