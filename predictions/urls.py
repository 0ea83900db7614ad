from django.urls import path

from predictions import views

app_name = "predictions"

urlpatterns = [
    path("", views.index, name="index"),
    path("track-record/", views.track_record, name="track_record"),
    path("track-record.csv", views.track_record_csv, name="track_record_csv"),
    path("leaderboard/", views.leaderboard, name="leaderboard"),
    path("methodology/", views.methodology, name="methodology"),
    path(
        "resolution-emails/stop/<str:token>/",
        views.resolution_emails_stop,
        name="resolution_emails_stop",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/forecast/", views.forecast, name="forecast"),
]
