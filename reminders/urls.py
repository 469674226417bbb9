from django.urls import path

from reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/preferences/", views.preferences, name="preferences"),
    path("reminders/ballots/<int:pk>/", views.ballot_remind, name="ballot_remind"),
]
