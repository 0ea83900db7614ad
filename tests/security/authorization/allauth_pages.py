"""The matrix's rows for allauth's pages: signing in and out, addresses, passwords, the second
factor."""

import re

from allauth.account.forms import EmailAwarePasswordResetTokenGenerator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.factories import totp_code
from tests.security.authorization.matrix import Row, everyone, fixed
from tests.security.world import PASSWORD, UNVERIFIED


def _totp_secret(user):
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return authenticator and authenticator.data["secret"]


def _after_reauthenticating(call):
    """Confirm the password first, as allauth asks before anyone touches a second factor."""

    def confirmed(world, role, client, prepared):
        if world.user(role) is not None:
            client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        return call(world, role, client, prepared)

    return confirmed


def _activate_totp(world, role, client, prepared):
    """Open the set-up page as a person would, and answer with the key it shows."""
    page = client.get(reverse("mfa_activate_totp"))
    found = re.search(r'<code class="mfa-secret">([A-Z2-7]+)</code>', page.content.decode())
    code = totp_code(found.group(1)) if found else "123456"
    return reverse("mfa_activate_totp"), {"code": code}


def _mfa_code(world, role, client, prepared):
    secret = _totp_secret(world.user(role)) if world.user(role) else None
    return reverse("mfa_reauthenticate"), {"code": totp_code(secret) if secret else "123456"}


def _reset_from_key(world, role, client, prepared):
    """Follow the emailed link (which keeps the key in the session), then set the password."""
    user = world.target
    key = EmailAwarePasswordResetTokenGenerator().make_token(user)
    link = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    response = client.get(link)
    path = response["Location"] if response.status_code == 302 else link
    return path, {"password1": "a new long passphrase", "password2": "a new long passphrase"}


def _confirm_email(world, role, client, prepared):
    address = EmailAddress.objects.get(user=world.user(UNVERIFIED))
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]), None


def allauth_rows():
    new_password = {"password1": "a new long passphrase", "password2": "a new long passphrase"}
    return [
        Row(
            "account_login",
            "post",
            "done   moved  moved  moved  moved  moved  moved  moved  moved",
            lambda w, r, c, p: (
                reverse("account_login"),
                {"login": w.target.email, "password": PASSWORD},
            ),
        ),
        Row(
            "mfa_authenticate",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("mfa_authenticate"), {"code": "123456"}),
        ),
        Row(
            "account_logout",
            "post",
            "moved  done   done   done   done   done   done   done   done",
            fixed(reverse("account_logout")),
        ),
        Row(
            "account_inactive",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_inactive")),
        ),
        Row(
            "account_signup",
            "post",
            "done   moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(
                reverse("account_signup"),
                {"email": "newcomer@example.com", "display_name": "Newcomer", **new_password},
            ),
        ),
        Row(
            "account_reauthenticate",
            "post",
            "login  done   done   done   done   done   done   done   done",
            fixed(reverse("account_reauthenticate"), {"password": PASSWORD}),
        ),
        Row(
            "account_request_reauthentication_code",
            "post",
            "login  reauth shown  shown  shown  shown  shown  shown  shown",
            fixed(reverse("account_request_reauthentication_code")),
        ),
        Row(
            "account_confirm_reauthentication_code",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("account_confirm_reauthentication_code"), {"code": "ABCDEF"}),
        ),
        Row(
            "account_email",
            "post",
            "login  done   done   done   done   shown  shown  done   shown",
            lambda w, role, c, p: (
                reverse("account_email"),
                {"email": f"second-{role}@example.com", "action_add": ""},
            ),
        ),
        Row(
            "account_email_verification_sent",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_email_verification_sent")),
        ),
        Row(
            "account_change_password",
            "post",
            "login  done   done   done   done   done   done   done   done",
            fixed(reverse("account_change_password"), {"oldpassword": PASSWORD, **new_password}),
        ),
        Row(
            "account_set_password",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("account_set_password"), new_password),
        ),
        Row(
            "account_reset_password",
            "post",
            "done   done   done   done   done   done   done   done   done",
            lambda w, r, c, p: (reverse("account_reset_password"), {"email": w.target.email}),
        ),
        Row(
            "account_confirm_login_code",
            "post",
            "login  moved  moved  moved  moved  moved  moved  moved  moved",
            fixed(reverse("account_confirm_login_code"), {"code": "ABCDEF"}),
        ),
        Row(
            "account_confirm_email",
            "post",
            "done   done   done   done   done   done   done   done   done",
            _confirm_email,
        ),
        Row(
            "account_reset_password_from_key",
            "post",
            "done   done   done   done   done   done   done   done   done",
            _reset_from_key,
        ),
        Row(
            "account_reset_password_from_key_done",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_reset_password_from_key_done")),
        ),
        Row(
            "account_reset_password_done",
            "get",
            everyone("shown", no_mfa="shown"),
            fixed(reverse("account_reset_password_done")),
        ),
        Row(
            "mfa_index",
            "get",
            "login  shown  shown  shown  shown  shown  shown  shown  shown",
            fixed(reverse("mfa_index")),
        ),
        Row(
            "mfa_reauthenticate",
            "post",
            "login  reauth reauth reauth reauth done   done   reauth done",
            _mfa_code,
        ),
        Row(
            "mfa_activate_totp",
            "post",
            "login  moved  done   done   done   moved  moved  done   moved",
            _after_reauthenticating(_activate_totp),
        ),
        Row(
            "mfa_deactivate_totp",
            "post",
            "login  missing missing missing missing shown shown  missing shown",
            _after_reauthenticating(fixed(reverse("mfa_deactivate_totp"))),
        ),
        Row(
            "mfa_view_recovery_codes",
            "get",
            "login  missing missing missing missing done  done   missing done",
            _after_reauthenticating(fixed(reverse("mfa_view_recovery_codes"))),
        ),
        Row(
            "mfa_generate_recovery_codes",
            "post",
            "login  shown  shown  shown  shown  done   done   shown  done",
            _after_reauthenticating(fixed(reverse("mfa_generate_recovery_codes"))),
        ),
        Row(
            "mfa_download_recovery_codes",
            "get",
            "login  missing missing missing missing done  done   missing done",
            _after_reauthenticating(fixed(reverse("mfa_download_recovery_codes"))),
        ),
    ]
