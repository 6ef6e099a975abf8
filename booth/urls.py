from django.urls import path

from . import views

app_name = "booth"

urlpatterns = [
    path("", views.capture, name="capture"),
    path("captures/", views.capture_api, name="capture-api"),
    path("catalogue.json", views.catalogue, name="catalogue"),
    path("session.json", views.session, name="session"),
    path("device/", views.device, name="device"),
    path("day/", views.day, name="day"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
]
