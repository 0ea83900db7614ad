"""The site's URLs plus one page with a bug, to see what readers get from a 500."""

from django.db import OperationalError
from django.urls import path

from veridact import urls


def broken(request):
    raise RuntimeError("A bug the 500 page has to cover")


def database_down(request):
    # What psycopg raises while PostgreSQL restarts (tests/veridact/test_postgres_restart.py
    # restarts a real one).
    raise OperationalError("the database system is shutting down")


urlpatterns = [path("broken/", broken), path("database-down/", database_down), *urls.urlpatterns]
handler500 = urls.handler500
