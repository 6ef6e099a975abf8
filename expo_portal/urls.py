import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django.views.static import serve

from portal.views import account as portal_account

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Without a CSRF token, so that pages whose only form is the language switch carry no
    # token and set no cookie for a visitor who only reads them (and cost no token to
    # render). A forged post could only change the language a browser is shown: the view
    # redirects only within the site (url_has_allowed_host_and_scheme) and touches nothing else.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The short address for owners (printed on invitations and at the booth).
    path("portal/", portal_account.entry, name="portal-entry"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("staff/thank-you/", include("thankyou.urls")),
    path("staff/", include("backoffice.urls")),
    path("", include("products.urls")),
    path("", include("booths.urls")),
    path("", include("buyers.urls")),
    path("workforce/", include("workforce.urls")),
    path("meetings/", include("meetings.urls")),
    path("portal/", include("portal.urls")),
    path("deals/", include("deals.urls")),
    path("digest/", include("digest.urls")),
    path("booth/", include("booth.urls")),
)

if settings.DEBUG or settings.EXPO_SERVE_MEDIA:
    # static() adds nothing unless DEBUG is on; the demo runs with it off.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
