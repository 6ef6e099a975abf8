from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        _choice_errors_without_the_value()


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
