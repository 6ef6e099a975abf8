from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("", views.index, name="index"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("<slug:sector>/", views.sector, name="sector"),
]
