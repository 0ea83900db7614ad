from django.http import Http404


# The Accounts issue (#4) builds the settings page; until then it answers 404.
def account_settings(request):
    raise Http404
