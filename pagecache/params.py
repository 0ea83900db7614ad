"""The query parameters a cached view declares, and what it answers for values naming nothing.

A cached page's key holds each declared parameter in the one form its parser gives it, so a
nonsense value is the same page as no value; a value of the right form that names nothing
(a page past the last) is not rendered but redirected to what exists (`ShowInstead`).
"""

import re

from django.core.paginator import InvalidPage
from django.http import HttpResponseRedirect


def page_number(raw):
    """A page number parameter: a whole number above 1, else the first page (None)."""
    try:
        number = int(raw)
    except ValueError:  # also a number too long to convert
        return None
    return str(number) if number > 1 else None


class ShowInstead(Exception):
    """Raised by a cached view asked for what its parameters cannot show.

    The decorator redirects to the same path with these parameters changed (None leaves
    one out), and to `fragment` on that page.
    """

    def __init__(self, fragment="", **params):
        super().__init__(params)
        self.fragment = fragment
        self.params = params

    def redirect(self, request):
        params = request.GET.copy()
        for name, value in self.params.items():
            params.pop(name, None)
            if value is not None:
                params[name] = value
        query = f"?{params.urlencode()}" if params else ""
        fragment = f"#{self.fragment}" if self.fragment else ""
        return HttpResponseRedirect(f"{request.path}{query}{fragment}")


def existing_page(paginator, number, parameter="page"):
    """The page a `page_number` parameter asks for; past the last, the last (ShowInstead)."""
    try:
        return paginator.page(number or 1)
    except InvalidPage:
        last = paginator.num_pages
        raise ShowInstead(**{parameter: str(last) if last > 1 else None}) from None


def choice(*values, default=None):
    """A parameter taking one of `values`; `default`, like anything else, is left out."""

    def parse(raw):
        return raw if raw in values and raw != default else None

    return parse


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def slug(raw):
    """A parameter naming something by its slug; the view redirects when nothing has it."""
    return raw if SLUG.fullmatch(raw) else None
