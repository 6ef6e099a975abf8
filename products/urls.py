from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/print.pdf", views.catalogue_pdf, name="catalogue-pdf"),
    path("catalogue/<slug:expo>/print.pdf", views.catalogue_pdf, name="expo-catalogue-pdf"),
    path("products/<slug:slug>/", views.detail, name="detail"),
]
