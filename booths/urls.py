from django.urls import path

from . import views

app_name = "booths"

urlpatterns = [
    path("exhibitors/", views.exhibitor_list, name="exhibitor-list"),
    path("exhibitors/<slug:slug>/", views.exhibitor_detail, name="exhibitor-detail"),
]
