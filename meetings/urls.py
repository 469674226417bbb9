from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("meetings.ics", views.calendar_public, name="calendar_public"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/e-meetings/new/", views.emeeting_create, name="emeeting_create"),
    path("meetings/minutes-overdue/", views.minutes_overdue, name="minutes_overdue"),
    path("meetings/calendar/<str:token>.ics", views.calendar_personal, name="calendar_personal"),
    path("meetings/minutes/<int:pk>/download/", views.minutes_download, name="minutes_download"),
    path("meetings/presentations/<int:pk>/", views.presentation_download, name="presentation_download"),
    path(
        "meetings/registrations/confirm/<str:token>/",
        views.registration_address_confirm,
        name="registration_address_confirm",
    ),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<slug:slug>/register/", views.meeting_register, name="meeting_register"),
    path("meetings/<slug:slug>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<slug:slug>/participants/", views.meeting_participants, name="participants"),
    path("meetings/<slug:slug>/participants.csv", views.meeting_participants_csv, name="participants_csv"),
    path(
        "meetings/<slug:slug>/participants/<int:pk>/decide/",
        views.registration_decide,
        name="registration_decide",
    ),
    path("meetings/<slug:slug>/decisions/new/", views.meeting_decision_create, name="decision_create"),
    path("meetings/<slug:slug>/minutes/", views.minutes_upload, name="minutes_upload"),
    path("meetings/<slug:slug>/held/", views.emeeting_held, name="emeeting_held"),
    path("meetings/<slug:slug>/cancel/", views.emeeting_cancel, name="emeeting_cancel"),
    path("meetings/<slug:slug>/report.pdf", views.meeting_report, name="meeting_report"),
    path("meetings/<slug:slug>/report/publish/", views.meeting_report_publish, name="meeting_report_publish"),
]
