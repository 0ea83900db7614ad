from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("search/", views.search, name="search"),
    path("<slug:slug>/", views.category, name="category"),
    path("<slug:category>/<slug:slug>/", views.detail, name="detail"),
]
