from django.urls import path

from . import views

app_name = "thankyou"

urlpatterns = [
    path("", views.mailing, name="mailing"),
]
