from django.http import Http404
from django.shortcuts import render


def home(request):
    return render(request, "articles/home.html")


# The Articles issue (#3) builds these pages; until then they answer 404.
def about(request):
    raise Http404


def privacy(request):
    raise Http404


def search(request):
    raise Http404


def category(request, slug):
    raise Http404


def detail(request, category, slug):
    raise Http404
