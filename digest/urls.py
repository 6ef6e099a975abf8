from django.urls import path

from . import views

app_name = "digest"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preference/", views.preference, name="preference"),
]
