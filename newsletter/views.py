from django.http import Http404


# The Newsletter issue (#5) builds subscriptions; until then this answers 404.
def subscribe(request):
    raise Http404
