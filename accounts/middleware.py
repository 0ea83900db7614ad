"""Staff sign in with a second factor: until they have one, every page sends them to set it up.

Staff are the users who can open the admin (`is_staff`): editors and moderators alike, whose
powers come from the Editors group and only reach them through the admin. Allauth asks for the
second factor at each sign-in once it is set up (its MFA login stage); this middleware covers the
time before, for accounts made or promoted by an administrator, and sessions that began before
STAFF_MFA_REQUIRED was turned on.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect

# Allauth's own pages stay open (signing out, confirming the password, setting up the
# authenticator app), and so do the health checks.
OPEN_URL_NAME_PREFIXES = ("account_", "mfa_")
OPEN_URL_NAMES = {"healthz", "readyz"}


def needs_second_factor(user) -> bool:
    """Whether a signed-in user must set up a second factor first (a query, for staff only)."""
    return (
        settings.STAFF_MFA_REQUIRED
        and user.is_authenticated
        and user.is_staff
        and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
    )


class StaffSecondFactorMiddleware:
    """Send staff without an authenticator app to set one up, from any page but allauth's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.url_name or ""
        if not match.namespaces and (
            name.startswith(OPEN_URL_NAME_PREFIXES) or name in OPEN_URL_NAMES
        ):
            return None
        if needs_second_factor(request.user):
            return redirect("mfa_activate_totp")
        return None
