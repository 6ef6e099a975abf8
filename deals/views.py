"""A deal's document, sent only to the owners of that business and to staff who may see deals."""

from pathlib import PurePath

from django.http import FileResponse, Http404

from common.documents import CONTENT_TYPES
from common.permissions import owned_object, owner_view

from .models import Deal


@owner_view
def document(request, pk):
    deal = owned_object(
        Deal.objects.select_related("lead"), request.user, staff_perm="deals.view_deal", pk=pk
    )
    if not deal.document:
        raise Http404
    suffix = PurePath(deal.document.name).suffix.lower()
    try:
        handle = deal.document.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{deal.lead.reference}-deal-{deal.pk}{suffix}",
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response
