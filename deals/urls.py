from django.urls import path

from . import views

app_name = "deals"

urlpatterns = [
    path("<int:pk>/document/", views.document, name="document"),
]
