from django.urls import path

from . import views

app_name = "buyers"

urlpatterns = [
    path("interest/product/<slug:slug>/", views.product_interest, name="product-interest"),
    path("interest/exhibitor/<slug:slug>/", views.exhibitor_interest, name="exhibitor-interest"),
    path("interest/sent/<str:token>/", views.sent, name="sent"),
    path("inquiry-list/", views.inquiry_list, name="inquiry-list"),
    path("inquiry-list/add/<slug:slug>/", views.inquiry_list_add, name="inquiry-list-add"),
    path("inquiry-list/remove/<int:pk>/", views.inquiry_list_remove, name="inquiry-list-remove"),
    path("cooperation/", views.cooperation, name="cooperation"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/withdraw/", views.status_withdraw, name="status-withdraw"),
    path("privacy/", views.privacy, name="privacy"),
]
