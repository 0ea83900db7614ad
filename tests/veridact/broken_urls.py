"""The site's URLs plus one page with a bug, to see what readers get from a 500."""

from django.urls import path

from veridact import urls


def broken(request):
    raise RuntimeError("A bug the 500 page has to cover")


urlpatterns = [path("broken/", broken), *urls.urlpatterns]
handler500 = urls.handler500
