from .choices import LeadSource

SOURCE_SESSION_KEY = "lead_source"


class LeadSourceMiddleware:
    """A visitor who arrives by a stand QR code (``?src=booth``) stays a booth visitor.

    Their leads are counted as "at the booth" for the rest of the visit, whichever
    page they send them from. Other visitors get no session from this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.GET.get("src") == LeadSource.BOOTH
            and request.session.get(SOURCE_SESSION_KEY) != LeadSource.BOOTH
        ):
            request.session[SOURCE_SESSION_KEY] = LeadSource.BOOTH
        return self.get_response(request)


def lead_source(request) -> str:
    """Where a lead sent in this request comes from: the booth (QR code) or the website."""
    if request.session.get(SOURCE_SESSION_KEY) == LeadSource.BOOTH:
        return LeadSource.BOOTH
    return LeadSource.WEB
