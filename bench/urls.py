"""The portal's URLs plus a trivial view, the yardstick the pages are compared with."""

from django.http import HttpResponse
from django.urls import path

from expo_portal.urls import urlpatterns as portal_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial", trivial), *portal_urlpatterns]
