from django.http import Http404


# The Predictions issue (#6) builds this page; until then it answers 404.
def index(request):
    raise Http404
