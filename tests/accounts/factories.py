"""Factories for readers and editors."""

import base64
import hashlib
import hmac
import struct
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from accounts.models import User


class ReaderFactory(factory.django.DjangoModelFactory):
    """A reader with a verified email address (pass verified=False for one without)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Reader {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(reader, create, extracted, **kwargs):
        if create:
            reader.save()
            EmailAddress.objects.create(
                user=reader, email=reader.email, primary=True, verified=extracted is not False
            )


# The authenticator app key of every factory-made editor (base32, as apps take it).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret=TOTP_SECRET, at=None):
    """The six-digit code an authenticator app shows for `secret` (RFC 6238, 30 s steps)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_second_factor(user, secret=TOTP_SECRET):
    """Set up an authenticator app for `user`, as staff must have one (STAFF_MFA_REQUIRED)."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return user


class EditorFactory(ReaderFactory):
    """Staff with an authenticator app set up (pass second_factor=False for one without)."""

    is_staff = True

    @factory.post_generation
    def second_factor(editor, create, extracted, **kwargs):
        if create and extracted is not False:
            give_second_factor(editor)
