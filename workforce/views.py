"""Public pages for employers and delegates: what BP2MI prepares workers for, per sector.

Only the workforce models appear here, all of them aggregate: no page shows a person.
Their content is cached like the catalogue's (``common.cache``) and refreshed when staff
change any of it in the admin (``common.admin_helpers.PublicContentAdmin``).
"""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from booths.choices import Sector
from common.cache import cached_fragment

from .models import TrainingProgramme
from .selectors import sectors_with_occupations


def index(request):
    """Every sector with its occupations, countries and headline figures."""

    def build():
        context = {"sectors": sectors_with_occupations()}
        return render_to_string("workforce/partials/index_body.html", context, request)

    return render(
        request, "workforce/index.html", {"body": cached_fragment(request, "workforce", build)}
    )


def sector(request, sector):
    if sector not in Sector.values:
        raise Http404

    def build():
        found = sectors_with_occupations(sector)
        if not found:
            return None
        context = {"sector": found[0]}
        return {
            "title": found[0].label,
            "body": render_to_string("workforce/partials/sector_body.html", context, request),
        }

    parts = cached_fragment(request, f"workforce:{sector}", build)
    if parts is None:
        raise Http404
    return render(request, "workforce/sector.html", {"parts": parts})


def programme(request, slug):
    def build():
        found = (
            TrainingProgramme.objects.published()
            .filter(slug=slug)
            .prefetch_related("media", "occupations")
            .first()
        )
        if found is None:
            return None
        context = {
            "programme": found,
            "occupations": [o for o in found.occupations.all() if o.published],
            "photos": [m for m in found.media.all() if m.image],
            "videos": [m for m in found.media.all() if m.video_url],
        }
        return {
            "title": found.name,
            "body": render_to_string("workforce/partials/programme_body.html", context, request),
        }

    parts = cached_fragment(request, f"workforce-programme:{slug}", build)
    if parts is None:
        raise Http404
    return render(request, "workforce/programme.html", {"parts": parts})
