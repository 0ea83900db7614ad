"""The admin site: Django's, signed into through allauth alone, and answering 400 to requests
it cannot read instead of failing with a 500."""

import functools
import logging

from allauth.account.decorators import secure_admin_login
from allauth.account.utils import get_next_redirect_url
from django.contrib import admin
from django.core.exceptions import BadRequest, ValidationError
from django.db import DataError
from django.shortcuts import redirect
from django.template.response import SimpleTemplateResponse

logger = logging.getLogger(__name__)

# What Django's admin raises on values it never offers but a hand-made request can send: an id
# that is no number in an action's selection, a list edit or an autocomplete field, a year past
# 9999 in the date drill-down, a NUL byte that PostgreSQL refuses. The request is at fault.
BAD_INPUT = (ValueError, OverflowError, ValidationError, DataError)


def _signed_in(request):
    """Where staff who are already signed in go from the admin's login page."""
    return redirect(get_next_redirect_url(request) or "admin:index")


class AdminSite(admin.AdminSite):
    # Django's login form takes a password and signs its owner in: from a staff session, anyone
    # else's, without their second factor. Strangers go to allauth's sign-in instead (its
    # limits and second step), readers get 403, and staff are sent on, whatever they post.
    login = staticmethod(secure_admin_login(_signed_in))

    def admin_view(self, view, cacheable=False):
        return super().admin_view(_refusing_bad_input(view), cacheable)


def _refusing_bad_input(view):
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
            # Rendered here, so that a widget failing on a submitted value is caught too.
            if isinstance(response, SimpleTemplateResponse):
                response.render()
            return response
        except BAD_INPUT as error:
            # Kept in the log with its traceback: a 400 hides nothing from whoever looks.
            logger.warning(
                "Admin refused %s %s as bad input", request.method, request.path, exc_info=True
            )
            raise BadRequest("The admin could not read this request.") from error

    return guarded
