"""Which of the installed apps' static files the portal collects."""

from django.contrib.staticfiles.finders import AppDirectoriesFinder

# django-modeltranslation's tabbed admin (script and stylesheet): no admin of ours shows
# translations as tabs, and the stylesheet names jQuery UI's files on a CDN. Every asset
# the portal serves is its own.
NEVER_SERVED = ["modeltranslation/*/tabbed_translation_fields.*"]


class AppFilesFinder(AppDirectoriesFinder):
    """Django's finder of the apps' ``static/`` folders, leaving out ``NEVER_SERVED``."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or ()), *NEVER_SERVED])
