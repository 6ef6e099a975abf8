import datetime

from django.urls import path, register_converter

from . import views


class DayConverter:
    regex = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"

    def to_python(self, value):
        # A date that does not exist (2024-02-31) is no match: a 404, never a 500.
        return datetime.date.fromisoformat(value)

    def to_url(self, value):
        return value.isoformat() if isinstance(value, datetime.date) else value


register_converter(DayConverter, "day")

app_name = "meetings"

urlpatterns = [
    # "agency" first: it is not a business's slug.
    path("book/agency/", views.book_agency, name="book-agency"),
    path("book/<slug:slug>/", views.book, name="book"),
    path("m/<str:token>/", views.guest, name="guest"),
    path("m/<str:token>/move/", views.guest_move, name="guest-move"),
    path("m/<str:token>/calendar.ics", views.guest_calendar, name="guest-calendar"),
    path("mine/", views.owner_schedule, name="owner-schedule"),
    path("<int:pk>/move/", views.host_move, name="host-move"),
    path("<int:pk>/confirm/", views.host_action, {"action": "confirm"}, name="host-confirm"),
    path("<int:pk>/decline/", views.host_action, {"action": "decline"}, name="host-decline"),
    path("<int:pk>/cancel/", views.host_action, {"action": "cancel"}, name="host-cancel"),
    path("staff/", views.staff_day, name="staff-day"),
    path("staff/<int:pk>/attendance/", views.staff_attendance, name="staff-attendance"),
    path("staff/<int:pk>/take/", views.staff_take, name="staff-take"),
    path("staff/tables/<int:pk>/<day:day>/", views.table_print, name="table-print"),
]
