from django.urls import path

from . import views

app_name = "backoffice"

urlpatterns = [
    path("results/", views.results, name="results"),
    path("results/report.pdf", views.results_report_pdf, name="results-report-pdf"),
    path("results/report.xlsx", views.results_report_xlsx, name="results-report-xlsx"),
    path("results/<slug:table>.csv", views.results_csv, name="results-csv"),
    path("cards/", views.cards, name="cards"),
    path("personal-data/", views.personal_data_view, name="personal-data"),
]
