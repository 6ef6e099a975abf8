from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("products/<slug:slug>/", views.detail, name="detail"),
]
