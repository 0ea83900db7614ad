from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-your-inbox/", views.subscribed, name="subscribed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("account/", views.account, name="account"),
    path("account/subscribe/", views.account_subscribe, name="account_subscribe"),
    path("account/preferences/", views.account_preferences, name="account_preferences"),
    path("account/unsubscribe/", views.account_unsubscribe, name="account_unsubscribe"),
    path("archive/", views.archive, name="archive"),
    path("archive/<str:frequency>/<slug:run_key>/", views.issue, name="issue"),
]
